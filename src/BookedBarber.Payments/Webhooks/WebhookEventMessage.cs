namespace BookedBarber.Payments.Webhooks;

/// <summary>A <c>webhook-events</c> message: names the recorded event (the payload stays in its row, so the message stays small).</summary>
public sealed record WebhookEventMessage(string Source, int ConnectionId, string EventId);
