namespace BookedBarber.Payments.Analytics;

/// <summary>One recommendation; it carries either potential savings or a potential increase.</summary>
public sealed record OptimizationRecommendation(
    string Type,
    string Recommendation,
    decimal? PotentialSavings,
    decimal? PotentialIncrease,
    string ImplementationDifficulty);
