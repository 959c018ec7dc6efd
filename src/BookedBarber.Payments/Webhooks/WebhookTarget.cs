namespace BookedBarber.Payments.Webhooks;

/// <summary>
/// What a webhook for a connection is verified with: the opened signing secret (null when the connection has none) and
/// the notification URL the processor signs (Square; null until registration stored it). <see cref="Active"/> is false
/// for a connection that exists but takes no webhooks (disconnected): it still has a rate-limit budget, but no event.
/// </summary>
public sealed record WebhookTarget(int BarberId, int ConnectionId, string ProcessorType, string? Secret, string? NotificationUrl, bool Active = true);
