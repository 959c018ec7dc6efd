namespace BookedBarber.Payments.Routing;

/// <summary>Count, share (percent) and volume of one routing outcome.</summary>
public sealed record RoutingBucket(
    int Count,
    decimal Percentage,
    decimal TotalVolume);
