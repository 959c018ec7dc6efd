namespace BookedBarber.Payments.Analytics;

/// <summary>Commission not yet collected; the next date is absent when nothing is scheduled.</summary>
public sealed record OutstandingCommission(
    int PendingCollections,
    decimal TotalAmount,
    DateTimeOffset? NextCollectionDate);
