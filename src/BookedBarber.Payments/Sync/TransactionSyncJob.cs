using BookedBarber.Payments.Connections;
using BookedBarber.Payments.Queues;
using BookedBarber.Payments.Storage;

namespace BookedBarber.Payments.Sync;

/// <summary>Hourly: one <c>transaction-sync</c> message per connected connection (the queue does the work, one connection each).</summary>
public sealed class TransactionSyncJob(GlobalLookup lookup, ConnectionStore connections, QueueSender queues) : IScheduledJob
{
    public const string Name = "TransactionSync";
    public const string Setting = "TRANSACTION_SYNC_SCHEDULE";
    public const string DefaultSchedule = "0 0 * * * *";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await foreach (var (_, entry) in lookup.ListAsync(ConnectionStore.LookupKind, cancellationToken))
        {
            if (entry.ObjectId is not { } id) continue;
            var connection = await connections.GetAsync(entry.BarberId, (int)id, cancellationToken);
            if (connection?.Status != ConnectionStatus.Connected) continue;
            await queues.SendAsync(SyncRequest.QueueName, new SyncRequest(connection.BarberId, connection.Id, null, false, null, SyncTriggers.Schedule), cancellationToken);
        }
    }
}
