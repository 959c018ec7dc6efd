namespace BookedBarber.Payments.Analytics;

/// <summary><c>GET /unified-payment-analytics/six-figure-insights</c> response.</summary>
public sealed record SixFigureInsightsResponse(
    SixFigureProgramStatus ProgramStatus,
    SixFigureRevenueTracking RevenueTracking,
    SixFigureKeyMetrics KeyMetrics,
    IReadOnlyList<GrowthRecommendation> GrowthRecommendations,
    MilestoneTracking MilestoneTracking,
    PeerComparison PeerComparison);
