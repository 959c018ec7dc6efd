namespace BookedBarber.Payments.Connections;

/// <summary>
/// The connection's health: healthy when connected, its token still works and no processor call failed since the last
/// good check. <c>token_status</c> (valid, expiring, expired, revoked), <c>token_expires_at</c> and
/// <c>webhook_configured</c> are extensions of the reference.
/// </summary>
public sealed record ConnectionHealthStatus(
    bool ConnectionHealthy,
    DateTimeOffset? LastHealthCheck,
    int RecentErrors,
    string? TokenStatus,
    DateTimeOffset? TokenExpiresAt,
    bool WebhookConfigured);
