using BookedBarber.Payments.Amounts;

namespace BookedBarber.Payments.Connections;

/// <summary>
/// A barber's connection to their own processor, kept in their ledger partition. <see cref="ProtectedCredentials"/>
/// is the AES-GCM-sealed connection config (access token, location), <see cref="ProtectedWebhookSecret"/> the sealed
/// signing secret the processor gave for our webhook subscription: never returned, never logged.
/// </summary>
public sealed record ProcessorConnection(
    int Id,
    int BarberId,
    string ProcessorType,
    string AccountId,
    string? AccountName,
    string Status,
    string ProtectedCredentials,
    string? LocationId,
    string DefaultCurrency,
    ProcessingFees Fees,
    DateTimeOffset ConnectedAt,
    bool SupportsPayments = true,
    bool SupportsRefunds = true,
    bool SupportsRecurring = false,
    bool WebhookNotifications = true,
    DateTimeOffset? LastSyncAt = null,
    DateTimeOffset? LastTransactionAt = null,
    int TotalTransactions = 0,
    Money? TotalVolume = null,
    DateTimeOffset? DisconnectedAt = null,
    string? ProtectedWebhookSecret = null,
    string? WebhookSubscriptionId = null,
    string? WebhookUrl = null,
    DateTimeOffset? TokenExpiresAt = null,
    string? TokenState = null,
    DateTimeOffset? LastHealthCheckAt = null,
    int RecentErrors = 0,
    DateTimeOffset? UpdatedAt = null);
