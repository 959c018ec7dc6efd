namespace BookedBarber.Payments.Connections;

/// <summary><c>GET /external-payments/connections</c> response.</summary>
public sealed record ListConnectionsResponse(
    IReadOnlyList<ConnectionListItem> Connections,
    int TotalConnections,
    IReadOnlyList<string> SupportedProcessors);

/// <summary>One external processor connection as listed.</summary>
public sealed record ConnectionListItem(
    long Id,
    string ProcessorType,
    string AccountId,
    string? AccountName,
    string Status,
    bool SupportsPayments,
    bool SupportsRefunds,
    bool SupportsRecurring,
    string DefaultCurrency,
    DateTimeOffset? LastSyncAt,
    DateTimeOffset? LastTransactionAt,
    int TotalTransactions,
    decimal TotalVolume,
    DateTimeOffset ConnectedAt);

/// <summary>
/// <c>POST /external-payments/connections</c> request body.
/// Every field is optional and nullable: the handler validates presence and names the missing field.
/// </summary>
public sealed record CreateConnectionRequest
{
    public string? ProcessorType { get; init; }

    public string? AccountId { get; init; }

    public string? AccountName { get; init; }

    public ConnectionConfig? ConnectionConfig { get; init; }

    public bool? WebhookNotifications { get; init; }
}

/// <summary>
/// Processor-specific credentials: Square's (access_token, application_id, location_id, environment, webhook_signature_key)
/// and Stripe's (secret_key, publishable_key, webhook_secret), all optional. WRITE-ONLY: accepted on create/update,
/// stored encrypted, never returned by any response and never printed (see <see cref="ToString"/>).
/// </summary>
public sealed record ConnectionConfig
{
    public string? AccessToken { get; init; }

    public string? ApplicationId { get; init; }

    public string? LocationId { get; init; }

    public string? Environment { get; init; }

    public string? WebhookSignatureKey { get; init; }

    public string? SecretKey { get; init; }

    public string? PublishableKey { get; init; }

    public string? WebhookSecret { get; init; }

    /// <summary>Credentials never reach logs or exception messages.</summary>
    public override string ToString() => "ConnectionConfig { (redacted) }";
}

/// <summary><c>POST /external-payments/connections</c> response (201).</summary>
public sealed record CreateConnectionResponse(
    long Id,
    string ProcessorType,
    string AccountId,
    string? AccountName,
    string Status,
    string? WebhookUrl,
    DateTimeOffset CreatedAt,
    CreateConnectionValidation ValidationResult);

/// <summary>What was verified against the processor when the connection was created.</summary>
public sealed record CreateConnectionValidation(
    bool ConnectionValid,
    bool PermissionsVerified,
    bool WebhookConfigured);

/// <summary><c>GET /external-payments/connections/{connection_id}</c> response.</summary>
public sealed record ConnectionDetailResponse(
    long Id,
    string ProcessorType,
    string AccountId,
    string? AccountName,
    string Status,
    bool SupportsPayments,
    bool SupportsRefunds,
    bool SupportsRecurring,
    string DefaultCurrency,
    ConnectionProcessingFees ProcessingFees,
    DateTimeOffset? LastSyncAt,
    DateTimeOffset? LastTransactionAt,
    int TotalTransactions,
    decimal TotalVolume,
    DateTimeOffset ConnectedAt,
    ConnectionHealthStatus HealthStatus);

/// <summary>The processor's fee rates (card present / not present) and fixed per-transaction fee.</summary>
public sealed record ConnectionProcessingFees(
    decimal CardPresent,
    decimal CardNotPresent,
    decimal PerTransaction);

/// <summary>The connection's last health check; absent when it has not been checked yet.</summary>
public sealed record ConnectionHealthStatus(
    bool ConnectionHealthy,
    DateTimeOffset? LastHealthCheck,
    int RecentErrors);

/// <summary>
/// <c>PUT /external-payments/connections/{connection_id}</c> request body: only the fields given change.
/// </summary>
public sealed record UpdateConnectionRequest
{
    public string? AccountName { get; init; }

    public bool? WebhookNotifications { get; init; }

    public ConnectionConfig? ConnectionConfig { get; init; }
}

/// <summary><c>PUT /external-payments/connections/{connection_id}</c> response.</summary>
public sealed record UpdateConnectionResponse(
    long Id,
    string? AccountName,
    DateTimeOffset UpdatedAt,
    UpdateConnectionValidation ValidationResult);

/// <summary>Whether the updated connection validates and its configuration changed.</summary>
public sealed record UpdateConnectionValidation(
    bool ConnectionValid,
    bool ConfigurationUpdated);

/// <summary><c>DELETE /external-payments/connections/{connection_id}</c> response.</summary>
public sealed record DeleteConnectionResponse(
    string Message,
    long ConnectionId,
    DateTimeOffset DisconnectedAt,
    ConnectionCleanupResult CleanupResult);

/// <summary>What was cleaned up when the connection was removed.</summary>
public sealed record ConnectionCleanupResult(
    bool WebhooksRemoved,
    bool CredentialsRevoked,
    bool DataArchived);

/// <summary><c>POST /external-payments/connections/{connection_id}/sync</c> response.</summary>
public sealed record SyncConnectionResponse(
    DateTimeOffset SyncStartedAt,
    DateTimeOffset? SyncCompletedAt,
    int TransactionsSynced,
    int NewTransactions,
    int UpdatedTransactions,
    int SyncErrors,
    DateTimeOffset? NextSyncAt);
