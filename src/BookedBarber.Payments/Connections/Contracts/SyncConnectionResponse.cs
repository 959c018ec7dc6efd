namespace BookedBarber.Payments.Connections;

/// <summary>
/// <c>POST /external-payments/connections/{connection_id}/sync</c> response. <see cref="ContinuesInBackground"/> (our
/// extension): true when the run was larger than a request waits for and continues on the queue
/// (<see cref="SyncCompletedAt"/> is then null).
/// </summary>
public sealed record SyncConnectionResponse(
    DateTimeOffset SyncStartedAt,
    DateTimeOffset? SyncCompletedAt,
    int TransactionsSynced,
    int NewTransactions,
    int UpdatedTransactions,
    int SyncErrors,
    DateTimeOffset? NextSyncAt,
    bool? ContinuesInBackground = null);
