namespace BookedBarber.Payments.Analytics;

/// <summary><c>GET /unified-payment-analytics/analytics</c> response; <c>projections</c> and <c>shop_totals</c> are extensions (null unless asked for).</summary>
public sealed record UnifiedAnalyticsResponse(
    string Period,
    AnalyticsDateRange DateRange,
    CentralizedPaymentsMetrics CentralizedPayments,
    DecentralizedPaymentsMetrics DecentralizedPayments,
    CommissionMetrics CommissionData,
    CombinedMetrics CombinedMetrics,
    TrendAnalysis? TrendAnalysis,
    ModeComparison ModeComparison,
    SixFigureProgress? SixFigureInsights,
    IReadOnlyList<string> Recommendations,
    AnalyticsProjections? Projections = null,
    ShopAnalyticsTotals? ShopTotals = null);
