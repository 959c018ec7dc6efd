
namespace BookedBarber.Payments.Health;

public sealed record HealthCheck(string Status, long LatencyMs, string? Error = null);
