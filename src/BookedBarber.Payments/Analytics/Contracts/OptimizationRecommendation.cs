namespace BookedBarber.Payments.Analytics;

/// <summary>
/// One recommendation; it carries either potential savings or a potential increase (monthly). Extensions: <c>metric</c>
/// and <c>metric_value</c>, the computed figure that triggered it.
/// </summary>
public sealed record OptimizationRecommendation(
    string Type,
    string Recommendation,
    decimal? PotentialSavings,
    decimal? PotentialIncrease,
    string ImplementationDifficulty,
    string? Metric,
    decimal? MetricValue);
