namespace BookedBarber.Payments.Connections;

/// <summary><c>DELETE /external-payments/connections/{connection_id}</c> response.</summary>
public sealed record DeleteConnectionResponse(
    string Message,
    long ConnectionId,
    DateTimeOffset DisconnectedAt,
    ConnectionCleanupResult CleanupResult);
