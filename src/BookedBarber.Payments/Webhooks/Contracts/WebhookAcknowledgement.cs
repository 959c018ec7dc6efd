namespace BookedBarber.Payments.Webhooks;

/// <summary>
/// <c>POST /webhooks/stripe/{connection_id}</c> and <c>/webhooks/square/{connection_id}</c> response.
/// The request body is the processor's raw payload (verified by signature), so there is no request type.
/// </summary>
public sealed record WebhookAcknowledgement(
    bool Received,
    string? EventType,
    DateTimeOffset ProcessedAt);
