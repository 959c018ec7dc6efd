using System.Text.Json.Serialization;

namespace BookedBarber.Payments.Processors.Square;

/// <summary>The <c>data</c> of a Square notification: the object's type ("payment", "refund"), its id and the object.</summary>
public sealed record SquareWebhookEventData
{
    [JsonPropertyName("type")]
    public string? Type { get; init; }

    [JsonPropertyName("id")]
    public string? Id { get; init; }

    [JsonPropertyName("object")]
    public SquareWebhookEventObject? Object { get; init; }
}
