namespace BookedBarber.Payments.Collections;

/// <summary>Collection totals over the period; the average is absent when there were none.</summary>
public sealed record CollectionSummaryTotals(
    int TotalCollections,
    decimal TotalAmount,
    decimal PendingAmount,
    decimal CollectedAmount,
    decimal FailedAmount,
    decimal? AverageCollectionAmount);
