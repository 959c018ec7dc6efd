using BookedBarber.Payments.Errors;
using BookedBarber.Payments.Queues;
using BookedBarber.Payments.RateLimiting;
using Microsoft.Extensions.Logging;

namespace BookedBarber.Payments.Maintenance;

/// <summary>Housekeeping on the <c>maintenance</c> queue: purges rate-limit windows that have ended.</summary>
public sealed class MaintenanceQueue(RateLimiter rateLimiter, TimeProvider clock, ILogger<MaintenanceQueue> logger) : IQueueHandler
{
    public const string Name = "maintenance";
    public const string PurgeRateLimits = "purge-rate-limit-windows";

    public async Task HandleAsync(QueueDelivery delivery, CancellationToken cancellationToken)
    {
        var message = delivery.Read<MaintenanceMessage>();
        switch (message.Task)
        {
            case PurgeRateLimits:
                // Never a window that has not ended: a message naming a future time would reset everyone's limits.
                var before = message.Before < clock.GetUtcNow() ? message.Before : clock.GetUtcNow();
                // Idempotent: deleting what is already gone deletes nothing.
                var deleted = await rateLimiter.PurgeExpiredAsync(before, cancellationToken);
                logger.LogInformation("Purged {Count} rate-limit windows that ended before {Before}", deleted, before);
                break;
            default:
                throw DomainException.Validation("task", $"The maintenance task must be {PurgeRateLimits}.");
        }
    }
}
