namespace BookedBarber.Payments.Analytics;

/// <summary>How the two routes compare and which mode suits the barber best.</summary>
public sealed record ModeComparison(
    decimal? CentralizedEfficiency,
    decimal? DecentralizedEfficiency,
    string? OptimalMode,
    VolumeDistribution VolumeDistribution);
