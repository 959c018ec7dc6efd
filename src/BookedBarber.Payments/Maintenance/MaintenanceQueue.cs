using BookedBarber.Payments.Http;
using System.Text.Json;
using BookedBarber.Payments.Queues;
using BookedBarber.Payments.RateLimiting;
using Microsoft.Extensions.Logging;

namespace BookedBarber.Payments.Maintenance;

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
