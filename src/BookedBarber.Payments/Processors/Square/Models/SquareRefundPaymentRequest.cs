using System.Text.Json.Serialization;

namespace BookedBarber.Payments.Processors.Square;

/// <summary>The body of Square's <c>RefundPayment</c> (POST /v2/refunds) — the fields we use.</summary>
public sealed record SquareRefundPaymentRequest
{
    /// <summary>Unique per refund, at most 45 characters; a retry with the same key never refunds twice.</summary>
    [JsonPropertyName("idempotency_key")]
    public required string IdempotencyKey { get; init; }

    /// <summary>At most the payment's total minus what is already refunded or pending.</summary>
    [JsonPropertyName("amount_money")]
    public required SquareMoney AmountMoney { get; init; }

    [JsonPropertyName("payment_id")]
    public required string PaymentId { get; init; }

    [JsonPropertyName("app_fee_money")]
    public SquareMoney? AppFeeMoney { get; init; }

    [JsonPropertyName("reason")]
    public string? Reason { get; init; }

    /// <summary>Optimistic concurrency on the payment's version_token.</summary>
    [JsonPropertyName("payment_version_token")]
    public string? PaymentVersionToken { get; init; }
}
