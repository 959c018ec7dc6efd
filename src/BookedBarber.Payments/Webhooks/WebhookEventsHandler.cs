using BookedBarber.Payments.Queues;
using Microsoft.Extensions.Logging;

namespace BookedBarber.Payments.Webhooks;

/// <summary>
/// The <c>webhook-events</c> queue: applies one recorded event. Idempotent: an event already applied is skipped, and
/// what applying does is itself safe to repeat (a targeted refresh; forward-only ledger and connection updates). A
/// message that keeps failing goes to <c>webhook-events-poison</c>, which <c>/health</c> shows.
/// </summary>
public sealed class WebhookEventsHandler(WebhookEventLog log, WebhookEventEffects effects, TimeProvider clock, ILogger<WebhookEventsHandler> logger) : IQueueHandler
{
    public const string QueueName = "webhook-events";

    public async Task HandleAsync(QueueDelivery delivery, CancellationToken cancellationToken)
    {
        var message = delivery.Read<WebhookEventMessage>();
        var stored = await log.GetAsync(message.Source, message.ConnectionId, message.EventId, cancellationToken);
        if (stored is null)
        {
            // Its delivery failed to queue and was forgotten, then this message got through after all: nothing to apply.
            logger.LogWarning("Webhook event {EventId} of {Source} is not recorded; message dropped", message.EventId, message.Source);
            return;
        }
        if (stored.HandledAt is not null) return;
        var outcome = await effects.ApplyAsync(stored, cancellationToken);
        await log.MarkHandledAsync(stored, clock.GetUtcNow(), outcome, cancellationToken);
    }
}
