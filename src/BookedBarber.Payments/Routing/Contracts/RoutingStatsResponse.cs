namespace BookedBarber.Payments.Routing;

/// <summary><c>GET /hybrid-payments/routing-stats/{barber_id}</c> response.</summary>
public sealed record RoutingStatsResponse(
    int BarberId,
    int PeriodDays,
    int TotalPayments,
    RoutingBreakdown RoutingBreakdown,
    RoutingSuccessRates SuccessRates,
    AverageProcessingTimes AverageProcessingTimes,
    RoutingFeeComparison FeeComparison,
    RoutingRefunds? Refunds = null);
