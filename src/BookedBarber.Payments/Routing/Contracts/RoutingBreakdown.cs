namespace BookedBarber.Payments.Routing;

/// <summary>Payments per routing outcome over the period.</summary>
public sealed record RoutingBreakdown(
    RoutingBucket Centralized,
    RoutingBucket External,
    RoutingBucket Fallback);
