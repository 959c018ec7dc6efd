namespace BookedBarber.Payments.Routing;

/// <summary>Success rates in percent; absent for a route with no payments in the period.</summary>
public sealed record RoutingSuccessRates(
    decimal? Centralized,
    decimal? External,
    decimal? Overall);
