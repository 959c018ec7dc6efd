using BookedBarber.Payments.Queues;

namespace BookedBarber.Payments.Connections;

/// <summary>Handles <see cref="ConnectionMaintenanceMessage"/>s: one connection each, idempotently (at-least-once delivery).</summary>
public sealed class ConnectionMaintenanceQueue(ConnectionTokenRefresher refresher) : IQueueHandler
{
    public async Task HandleAsync(QueueDelivery delivery, CancellationToken cancellationToken)
    {
        var message = delivery.Read<ConnectionMaintenanceMessage>();
        await refresher.RefreshIfDueAsync(message.BarberId, message.ConnectionId, cancellationToken);
    }
}
