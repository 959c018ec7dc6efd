using BookedBarber.Payments.ExternalTransactions;

namespace BookedBarber.Payments.Collections;

/// <summary>An unclaimed transaction of the open pool and the commission it owes at <paramref name="Rate"/> (its processing time's).</summary>
public sealed record PoolItem(ExternalTransaction Transaction, decimal Rate, long CommissionMinor);
