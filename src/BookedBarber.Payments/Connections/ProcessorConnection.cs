using BookedBarber.Payments.Amounts;

namespace BookedBarber.Payments.Connections;

/// <summary>
/// A barber's connection to their own processor, kept in their ledger partition. <see cref="ProtectedCredentials"/>
/// is the AES-GCM-sealed connection config (access token, location): never returned, never logged.
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
    DateTimeOffset? DisconnectedAt = null);
