namespace BookedBarber.Payments.Connections;

/// <summary>The connection's last health check; absent when it has not been checked yet.</summary>
public sealed record ConnectionHealthStatus(
    bool ConnectionHealthy,
    DateTimeOffset? LastHealthCheck,
    int RecentErrors);
