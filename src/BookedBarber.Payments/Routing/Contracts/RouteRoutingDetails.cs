namespace BookedBarber.Payments.Routing;

/// <summary>The routing decision's details: mode, processor and commission rate.</summary>
public sealed record RouteRoutingDetails(
    string PaymentMode,
    string Processor,
    decimal CommissionRate,
    bool FallbackAvailable);
