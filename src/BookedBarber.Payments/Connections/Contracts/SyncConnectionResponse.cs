namespace BookedBarber.Payments.Connections;

/// <summary><c>POST /external-payments/connections/{connection_id}/sync</c> response.</summary>
public sealed record SyncConnectionResponse(
    DateTimeOffset SyncStartedAt,
    DateTimeOffset? SyncCompletedAt,
    int TransactionsSynced,
    int NewTransactions,
    int UpdatedTransactions,
    int SyncErrors,
    DateTimeOffset? NextSyncAt);
