namespace BookedBarber.Payments.Connections;

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
