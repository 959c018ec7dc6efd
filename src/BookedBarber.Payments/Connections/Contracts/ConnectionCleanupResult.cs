namespace BookedBarber.Payments.Connections;

/// <summary>What was cleaned up when the connection was removed.</summary>
public sealed record ConnectionCleanupResult(
    bool WebhooksRemoved,
    bool CredentialsRevoked,
    bool DataArchived);
