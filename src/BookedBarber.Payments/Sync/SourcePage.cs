using BookedBarber.Payments.ExternalTransactions;

namespace BookedBarber.Payments.Sync;

/// <summary>One page of a processor's payments, as observed transactions, and the cursor of the next page (null: last).</summary>
public sealed record SourcePage(IReadOnlyList<ExternalTransaction> Transactions, string? NextCursor);
