namespace BookedBarber.Payments.Analytics;

/// <summary>
/// <c>GET /unified-payment-analytics/revenue-optimization</c> response. Extensions (after the reference's fields): the
/// currency money is in, the local days analysed, and how many payments on how many days the figures rest on.
/// </summary>
public sealed record RevenueOptimizationResponse(
    string CurrentMode,
    string OptimalMode,
    decimal PotentialMonthlyIncrease,
    SwitchingRoi SwitchingRoi,
    IReadOnlyList<OptimizationRecommendation> Recommendations,
    string AnalysisPeriod,
    decimal ConfidenceScore,
    ScenarioAnalysis ScenarioAnalysis,
    string? Currency,
    AnalyticsDateRange? DateRange,
    int? PaymentsAnalyzed,
    int? DaysWithData);
