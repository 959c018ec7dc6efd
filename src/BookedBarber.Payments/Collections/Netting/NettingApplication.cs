using BookedBarber.Payments.Amounts;

namespace BookedBarber.Payments.Collections;

/// <summary>Commission of collection <paramref name="CollectionId"/> taken through the application fee of one centralized payment (a <c>cmn-</c> row).</summary>
public sealed record NettingApplication(long CollectionId, string AttemptId, string? ProcessorPaymentId, Money Amount, DateTimeOffset AppliedAt);
