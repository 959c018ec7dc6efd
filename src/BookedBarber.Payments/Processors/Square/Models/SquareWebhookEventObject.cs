using System.Text.Json.Serialization;

namespace BookedBarber.Payments.Processors.Square;

/// <summary>The <c>data.object</c> of a Square notification: one of these is set, by the event's object type.</summary>
public sealed record SquareWebhookEventObject
{
    [JsonPropertyName("payment")]
    public SquarePayment? Payment { get; init; }

    [JsonPropertyName("refund")]
    public SquarePaymentRefund? Refund { get; init; }
}
