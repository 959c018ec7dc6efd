using System.Text.Json.Serialization;

namespace BookedBarber.Payments.Processors.Square;

/// <summary>
/// The body Square POSTs to a webhook subscription: payment.created / payment.updated carry the payment,
/// refund.created / refund.updated the refund, each as it was when the event happened. <see cref="EventId"/> is
/// for de-duplication (Square delivers at least once, in no guaranteed order).
/// </summary>
public sealed record SquareWebhookNotification
{
    [JsonPropertyName("merchant_id")]
    public string? MerchantId { get; init; }

    [JsonPropertyName("type")]
    public string? Type { get; init; }

    [JsonPropertyName("event_id")]
    public string? EventId { get; init; }

    [JsonPropertyName("created_at")]
    public DateTimeOffset? CreatedAt { get; init; }

    [JsonPropertyName("data")]
    public SquareWebhookEventData? Data { get; init; }
}
