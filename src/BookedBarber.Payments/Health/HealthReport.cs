
namespace BookedBarber.Payments.Health;

public sealed record HealthReport(string Status, string Version, DateTimeOffset Timestamp, IReadOnlyDictionary<string, HealthCheck> Checks,
    IReadOnlyDictionary<string, QueueDepth>? Queues = null);
