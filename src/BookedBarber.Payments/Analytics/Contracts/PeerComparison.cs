namespace BookedBarber.Payments.Analytics;

/// <summary>Percentiles among peers; absent when there are too few peers to compare.</summary>
public sealed record PeerComparison(
    decimal? RevenuePercentile,
    decimal? EfficiencyPercentile,
    decimal? GrowthRatePercentile,
    string? MarketPosition);
