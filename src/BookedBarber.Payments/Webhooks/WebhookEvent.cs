namespace BookedBarber.Payments.Webhooks;

/// <summary>
/// One verified processor event as recorded before it is queued: the connection it came for (0 and barber 0 for the
/// platform's own account), the processor's event id (the de-duplication key), its type and the raw payload.
/// <see cref="HandledAt"/> is set once the queue handler applied it.
/// </summary>
public sealed record WebhookEvent(
    string Source,
    int ConnectionId,
    int BarberId,
    string EventId,
    string EventType,
    DateTimeOffset ReceivedAt,
    string Payload,
    DateTimeOffset? HandledAt = null);
