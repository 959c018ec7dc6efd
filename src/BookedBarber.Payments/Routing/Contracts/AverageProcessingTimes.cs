namespace BookedBarber.Payments.Routing;

/// <summary>Average processing time per route (e.g. "1.2s"); absent for a route with no payments in the period.</summary>
public sealed record AverageProcessingTimes(
    string? Centralized,
    string? External);
