using System.Text.Json.Serialization;

namespace BookedBarber.Payments.Processors.Square;

/// <summary>Square's <c>PaymentRefund</c> — the fields we read.</summary>
public sealed record SquarePaymentRefund
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    /// <summary>PENDING, COMPLETED, REJECTED or FAILED (see <see cref="SquareRefundStatus"/>).</summary>
    [JsonPropertyName("status")]
    public string? Status { get; init; }

    [JsonPropertyName("location_id")]
    public string? LocationId { get; init; }

    [JsonPropertyName("amount_money")]
    public SquareMoney? AmountMoney { get; init; }

    [JsonPropertyName("app_fee_money")]
    public SquareMoney? AppFeeMoney { get; init; }

    /// <summary>The processing fee Square gives back for this refund (negative entries).</summary>
    [JsonPropertyName("processing_fee")]
    public IReadOnlyList<SquareProcessingFee>? ProcessingFee { get; init; }

    [JsonPropertyName("payment_id")]
    public string? PaymentId { get; init; }

    [JsonPropertyName("order_id")]
    public string? OrderId { get; init; }

    [JsonPropertyName("reason")]
    public string? Reason { get; init; }

    [JsonPropertyName("destination_type")]
    public string? DestinationType { get; init; }

    [JsonPropertyName("created_at")]
    public DateTimeOffset? CreatedAt { get; init; }

    [JsonPropertyName("updated_at")]
    public DateTimeOffset? UpdatedAt { get; init; }
}
