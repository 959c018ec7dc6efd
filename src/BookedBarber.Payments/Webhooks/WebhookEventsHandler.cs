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

    private static readonly TimeSpan RecordWait = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MaxRecordWait = TimeSpan.FromMilliseconds(800);

    public async Task HandleAsync(QueueDelivery delivery, CancellationToken cancellationToken)
    {
        var message = delivery.Read<WebhookEventMessage>();
        var stored = await log.GetAsync(message.Source, message.ConnectionId, message.EventId, cancellationToken);
        // The accept path queues the message while it records the event, so a message can be here before its record:
        // read again a few times (about 1.5 s in all) before deciding there is none.
        for (var wait = RecordWait; stored is null && wait <= MaxRecordWait; wait *= 2)
        {
            await Task.Delay(wait, clock, cancellationToken);
            stored = await log.GetAsync(message.Source, message.ConnectionId, message.EventId, cancellationToken);
        }
        if (stored is null)
        {
            // Its record was never written (the accept failed and the processor retries it) or was forgotten (the
            // message could not be confirmed): nothing to apply.
            logger.LogWarning("Webhook event {EventId} of {Source} is not recorded; message dropped", message.EventId, message.Source);
            return;
        }
        if (stored.HandledAt is not null) return;
        var outcome = await effects.ApplyAsync(stored, cancellationToken);
        await log.MarkHandledAsync(stored, clock.GetUtcNow(), outcome, cancellationToken);
    }
}
