using BookedBarber.Payments.Queues;
using BookedBarber.Payments.RateLimiting;

namespace BookedBarber.Payments.Maintenance;

/// <summary>Hourly: asks the maintenance queue to purge rate-limit windows that ended over an hour ago.</summary>
public sealed class MaintenanceSweepJob(QueueSender queues, TimeProvider clock) : IScheduledJob
{
    public const string Name = "MaintenanceSweep";
    public const string Setting = "MAINTENANCE_SWEEP_SCHEDULE";
    public const string DefaultSchedule = "0 5 * * * *";

    public Task RunAsync(CancellationToken cancellationToken) =>
        queues.SendAsync(MaintenanceQueue.Name, new MaintenanceMessage(MaintenanceQueue.PurgeRateLimits, clock.GetUtcNow() - RateLimitPolicy.Window), cancellationToken);
}
