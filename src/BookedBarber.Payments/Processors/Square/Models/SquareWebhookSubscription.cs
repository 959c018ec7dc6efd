using System.Text.Json.Serialization;

namespace BookedBarber.Payments.Processors.Square;

/// <summary>Square's <c>WebhookSubscription</c>. Square generates <see cref="Id"/> and <see cref="SignatureKey"/>.</summary>
public sealed record SquareWebhookSubscription
{
    [JsonPropertyName("id")]
    public string? Id { get; init; }

    [JsonPropertyName("name")]
    public string? Name { get; init; }

    [JsonPropertyName("enabled")]
    public bool? Enabled { get; init; }

    /// <summary>e.g. payment.created, payment.updated, refund.created, refund.updated.</summary>
    [JsonPropertyName("event_types")]
    public IReadOnlyList<string>? EventTypes { get; init; }

    [JsonPropertyName("notification_url")]
    public string? NotificationUrl { get; init; }

    [JsonPropertyName("api_version")]
    public string? ApiVersion { get; init; }

    /// <summary>The key notifications are signed with (x-square-hmacsha256-signature); keep it sealed.</summary>
    [JsonPropertyName("signature_key")]
    public string? SignatureKey { get; init; }

    [JsonPropertyName("created_at")]
    public DateTimeOffset? CreatedAt { get; init; }

    [JsonPropertyName("updated_at")]
    public DateTimeOffset? UpdatedAt { get; init; }
}
