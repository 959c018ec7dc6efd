namespace BookedBarber.Payments.Analytics;

/// <summary>Share of volume per route, in percent; null without volume (nothing to share).</summary>
public sealed record VolumeDistribution(
    decimal? CentralizedPercentage,
    decimal? DecentralizedPercentage);
