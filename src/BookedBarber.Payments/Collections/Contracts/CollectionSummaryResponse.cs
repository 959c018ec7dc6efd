namespace BookedBarber.Payments.Collections;

/// <summary><c>GET /platform-collections/summary</c> response.</summary>
public sealed record CollectionSummaryResponse(
    string Period,
    CollectionDateRange DateRange,
    CollectionSummaryTotals CollectionSummary,
    CommissionBreakdown CommissionBreakdown,
    CollectionTrends Trends);
