namespace BookedBarber.Payments.Analytics.Rollups.Storage;

/// <summary>
/// A message on the <c>analytics-rollup</c> queue: recompute the barber's local days that the instants
/// <see cref="From"/>..<see cref="To"/> fall on (a ledger change), or rebuild all their rollups (<see cref="Rebuild"/>).
/// </summary>
public sealed record AnalyticsRollupMessage(int BarberId, DateTimeOffset? From, DateTimeOffset? To, bool Rebuild = false)
{
    public const string QueueName = "analytics-rollup";
}
