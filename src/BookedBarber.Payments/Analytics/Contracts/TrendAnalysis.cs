namespace BookedBarber.Payments.Analytics;

/// <summary>Percent changes against the previous period; each null when the previous period had no payments (always for all_time).</summary>
public sealed record TrendAnalysis(
    decimal? TotalVolumeTrend,
    decimal? TotalTransactionsTrend,
    decimal? NetEarningsTrend,
    decimal? SuccessRateTrend);
