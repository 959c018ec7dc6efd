namespace BookedBarber.Payments.Collections;

/// <summary>Totals over the barber's collections matching the filter.</summary>
public sealed record MyCollectionsSummary(
    int TotalCollections,
    decimal TotalAmount,
    decimal PendingAmount,
    decimal CollectedAmount,
    decimal FailedAmount);
