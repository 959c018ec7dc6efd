namespace BookedBarber.Payments.Analytics;

/// <summary>Both routes together.</summary>
public sealed record CombinedMetrics(
    int TotalTransactions,
    decimal TotalVolume,
    decimal TotalNetEarnings,
    decimal TotalCommissionActivity,
    decimal? WeightedSuccessRate,
    decimal? EffectiveTakeRate);
