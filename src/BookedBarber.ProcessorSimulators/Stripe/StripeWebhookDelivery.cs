namespace BookedBarber.ProcessorSimulators.Stripe;

/// <summary>
/// One POST of an event to an endpoint: <paramref name="StatusCode"/> null when the endpoint could not be reached
/// (then <paramref name="Error"/> says why). <paramref name="Attempt"/> counts from 1; a duplicate delivery has its own row.
/// </summary>
public sealed record StripeWebhookDelivery(
    string EventId,
    string EventType,
    string EndpointId,
    string Url,
    int Attempt,
    int? StatusCode,
    string? Error,
    DateTimeOffset SentAt,
    string Payload,
    string SignatureHeader)
{
    public bool Succeeded => StatusCode is >= 200 and < 300;
}
