using BookedBarber.Payments.Connections;
using BookedBarber.Payments.Errors;
using BookedBarber.Payments.Queues;
using Microsoft.Extensions.Logging;

namespace BookedBarber.Payments.Sync;

/// <summary>
/// The <c>transaction-sync</c> queue: with payment ids, refreshes just those payments (webhooks); otherwise syncs the
/// connection's window (hourly schedule, a manual run's continuation). Idempotent: upserts merge, and a run resumes from
/// the saved cursor. A connection another run holds: a scheduled message is dropped (that run covers it), a continuation
/// comes back once the lease has had time to end. A connection gone or disconnected: nothing to do.
/// </summary>
public sealed class TransactionSyncHandler(ConnectionStore connections, TransactionSyncEngine engine, QueueSender queues, SyncOptions options,
    ILogger<TransactionSyncHandler> logger) : IQueueHandler
{
    public async Task HandleAsync(QueueDelivery delivery, CancellationToken cancellationToken)
    {
        var request = delivery.Read<SyncRequest>();
        var connection = await connections.GetAsync(request.BarberId, request.ConnectionId, cancellationToken);
        if (connection is null || connection.Status == ConnectionStatus.Disconnected)
        {
            logger.LogInformation("Sync of connection {ConnectionId} skipped: it is gone or disconnected", request.ConnectionId);
            return;
        }
        if (request.PaymentIds is { Count: > 0 } ids)
        {
            await engine.RefreshAsync(connection, ids, cancellationToken);
            return;
        }
        try
        {
            await engine.RunAsync(connection, request.Since, request.Force, bounded: false, cancellationToken);
        }
        catch (DomainException ex) when (ex.Code == ErrorCodes.Conflict)
        {
            if (request.Trigger == SyncTriggers.Schedule) return;
            await queues.SendAsync(SyncRequest.QueueName, request, cancellationToken, options.LeaseDuration);
        }
    }
}
