namespace BookedBarber.Payments.Analytics;

/// <summary>Share of volume per route, in percent.</summary>
public sealed record VolumeDistribution(
    decimal CentralizedPercentage,
    decimal DecentralizedPercentage);
