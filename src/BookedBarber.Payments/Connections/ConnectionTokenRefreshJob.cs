using BookedBarber.Payments.Queues;

namespace BookedBarber.Payments.Connections;

/// <summary>Daily: one <c>connection-maintenance</c> message per connection; the handler refreshes the Square tokens that are due.</summary>
public sealed class ConnectionTokenRefreshJob(ConnectionStore store, QueueSender queues) : IScheduledJob
{
    public const string Name = "ConnectionTokenRefresh";
    public const string Setting = "CONNECTION_TOKEN_REFRESH_SCHEDULE";
    public const string DefaultSchedule = "0 20 3 * * *";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await foreach (var (barberId, connectionId) in store.ListAllAsync(cancellationToken))
            await queues.SendAsync(ConnectionMaintenanceMessage.QueueName, new ConnectionMaintenanceMessage(barberId, connectionId), cancellationToken);
    }
}
