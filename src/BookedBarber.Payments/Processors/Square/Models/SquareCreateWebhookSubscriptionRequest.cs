using System.Text.Json.Serialization;

namespace BookedBarber.Payments.Processors.Square;

/// <summary>The body of Square's <c>CreateWebhookSubscription</c> (POST /v2/webhooks/subscriptions).</summary>
public sealed record SquareCreateWebhookSubscriptionRequest
{
    /// <summary>A retry with the same key returns the same subscription.</summary>
    [JsonPropertyName("idempotency_key")]
    public string? IdempotencyKey { get; init; }

    /// <summary>notification_url and event_types are required; name and api_version optional.</summary>
    [JsonPropertyName("subscription")]
    public required SquareWebhookSubscription Subscription { get; init; }
}
