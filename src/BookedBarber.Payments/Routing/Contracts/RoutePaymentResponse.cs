namespace BookedBarber.Payments.Routing;

/// <summary><c>POST /hybrid-payments/route</c> response.</summary>
public sealed record RoutePaymentResponse(
    string RoutingDecision,
    string RecommendedProcessor,
    RouteRoutingDetails RoutingDetails,
    RouteEstimatedFees EstimatedFees,
    string ProcessingTimeEstimate,
    decimal TipAmount);
