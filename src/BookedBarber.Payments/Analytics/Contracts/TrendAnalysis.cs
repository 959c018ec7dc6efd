namespace BookedBarber.Payments.Analytics;

/// <summary>Percent changes against the previous period; absent when there is no previous period to compare.</summary>
public sealed record TrendAnalysis(
    decimal? TotalVolumeTrend,
    decimal? TotalTransactionsTrend,
    decimal? NetEarningsTrend,
    decimal? SuccessRateTrend);
