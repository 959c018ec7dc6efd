namespace BookedBarber.ProcessorSimulators.Square;

/// <summary>
/// One attempt to POST a notification to a webhook subscription: the event, the exact body and signature sent,
/// and the subscriber's answer (<see cref="StatusCode"/> null when no answer arrived).
/// </summary>
public sealed record SquareWebhookDelivery(
    string EventId,
    string EventType,
    string MerchantId,
    string SubscriptionId,
    string NotificationUrl,
    string Body,
    string Signature,
    int Attempt,
    int? StatusCode,
    DateTimeOffset SentAt)
{
    public bool Succeeded => StatusCode is >= 200 and < 300;
}
