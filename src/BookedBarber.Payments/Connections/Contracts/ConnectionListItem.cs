namespace BookedBarber.Payments.Connections;

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
