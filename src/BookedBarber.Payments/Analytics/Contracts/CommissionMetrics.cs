namespace BookedBarber.Payments.Analytics;

/// <summary>Commission owed on external payments and how much of it was collected.</summary>
public sealed record CommissionMetrics(
    decimal TotalAmount,
    decimal AmountCollected,
    decimal AmountPending,
    decimal? SuccessRate,
    string CollectionFrequency);
