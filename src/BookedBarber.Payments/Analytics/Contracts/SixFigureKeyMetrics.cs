namespace BookedBarber.Payments.Analytics;

/// <summary>The methodology's key business metrics; absent when there is not enough data.</summary>
public sealed record SixFigureKeyMetrics(
    decimal? AverageClientValue,
    decimal? ClientRetentionRate,
    decimal? ServiceMixOptimization,
    decimal? PricingPowerIndex,
    decimal? OperationalEfficiency);
