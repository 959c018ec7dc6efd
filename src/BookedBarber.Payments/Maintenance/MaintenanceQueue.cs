using BookedBarber.Payments.Http;
using System.Text.Json;
using BookedBarber.Payments.Queues;
using BookedBarber.Payments.RateLimiting;
using Microsoft.Extensions.Logging;

namespace BookedBarber.Payments.Maintenance;

/// <summary>A housekeeping task for the maintenance queue.</summary>
public sealed record MaintenanceMessage(string Task, DateTimeOffset Before);

/// <summary>Housekeeping on the <c>maintenance</c> queue: purges rate-limit windows that have ended.</summary>
public sealed class MaintenanceQueue(RateLimiter rateLimiter, ILogger<MaintenanceQueue> logger) : IQueueHandler
{
    public const string Name = "maintenance";
    public const string PurgeRateLimits = "purge-rate-limit-windows";

    public async Task HandleAsync(QueueDelivery delivery, CancellationToken cancellationToken)
    {
        var message = JsonSerializer.Deserialize<MaintenanceMessage>(delivery.Body, Json.Options)
            ?? throw new InvalidDataException("Empty maintenance message.");
        switch (message.Task)
        {
            case PurgeRateLimits:
                // Idempotent: deleting what is already gone deletes nothing.
                var deleted = await rateLimiter.PurgeExpiredAsync(message.Before, cancellationToken);
                logger.LogInformation("Purged {Count} rate-limit windows that ended before {Before}", deleted, message.Before);
                break;
            default:
                throw new InvalidDataException($"Unknown maintenance task '{message.Task}'.");
        }
    }
}

/// <summary>Hourly: asks the maintenance queue to purge rate-limit windows that ended over an hour ago.</summary>
public sealed class MaintenanceSweepJob(QueueSender queues, TimeProvider clock) : IScheduledJob
{
    public const string Name = "MaintenanceSweep";
    public const string Setting = "MAINTENANCE_SWEEP_SCHEDULE";
    public const string DefaultSchedule = "0 5 * * * *";

    public Task RunAsync(CancellationToken cancellationToken) =>
        queues.SendAsync(MaintenanceQueue.Name, new MaintenanceMessage(MaintenanceQueue.PurgeRateLimits, clock.GetUtcNow() - RateLimitPolicy.Window), cancellationToken);
}
