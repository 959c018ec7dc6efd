namespace BookedBarber.Payments.Analytics;

/// <summary><c>GET /unified-payment-analytics/revenue-optimization</c> response.</summary>
public sealed record RevenueOptimizationResponse(
    string CurrentMode,
    string OptimalMode,
    decimal PotentialMonthlyIncrease,
    SwitchingRoi SwitchingRoi,
    IReadOnlyList<OptimizationRecommendation> Recommendations,
    string AnalysisPeriod,
    decimal ConfidenceScore,
    ScenarioAnalysis ScenarioAnalysis);
