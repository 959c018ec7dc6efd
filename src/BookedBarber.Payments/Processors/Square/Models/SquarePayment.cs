using System.Text.Json.Serialization;

namespace BookedBarber.Payments.Processors.Square;

/// <summary>Square's <c>Payment</c> — the fields we read.</summary>
public sealed record SquarePayment
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    [JsonPropertyName("created_at")]
    public DateTimeOffset? CreatedAt { get; init; }

    [JsonPropertyName("updated_at")]
    public DateTimeOffset? UpdatedAt { get; init; }

    [JsonPropertyName("amount_money")]
    public SquareMoney? AmountMoney { get; init; }

    [JsonPropertyName("tip_money")]
    public SquareMoney? TipMoney { get; init; }

    [JsonPropertyName("total_money")]
    public SquareMoney? TotalMoney { get; init; }

    [JsonPropertyName("app_fee_money")]
    public SquareMoney? AppFeeMoney { get; init; }

    [JsonPropertyName("approved_money")]
    public SquareMoney? ApprovedMoney { get; init; }

    /// <summary>Absent at creation; Square adds INITIAL and later ADJUSTMENT entries (possibly negative) asynchronously.</summary>
    [JsonPropertyName("processing_fee")]
    public IReadOnlyList<SquareProcessingFee>? ProcessingFee { get; init; }

    [JsonPropertyName("refunded_money")]
    public SquareMoney? RefundedMoney { get; init; }

    /// <summary>APPROVED, PENDING, COMPLETED, CANCELED or FAILED (see <see cref="SquarePaymentStatus"/>).</summary>
    [JsonPropertyName("status")]
    public string? Status { get; init; }

    [JsonPropertyName("source_type")]
    public string? SourceType { get; init; }

    [JsonPropertyName("card_details")]
    public SquareCardPaymentDetails? CardDetails { get; init; }

    [JsonPropertyName("location_id")]
    public string? LocationId { get; init; }

    [JsonPropertyName("order_id")]
    public string? OrderId { get; init; }

    [JsonPropertyName("reference_id")]
    public string? ReferenceId { get; init; }

    [JsonPropertyName("customer_id")]
    public string? CustomerId { get; init; }

    [JsonPropertyName("note")]
    public string? Note { get; init; }

    [JsonPropertyName("receipt_number")]
    public string? ReceiptNumber { get; init; }

    [JsonPropertyName("receipt_url")]
    public string? ReceiptUrl { get; init; }

    [JsonPropertyName("refund_ids")]
    public IReadOnlyList<string>? RefundIds { get; init; }

    [JsonPropertyName("version_token")]
    public string? VersionToken { get; init; }

    /// <summary>The sum of all processing fee entries, or null while Square has not assessed any.</summary>
    [JsonIgnore]
    public SquareMoney? TotalProcessingFee => ProcessingFee is { Count: > 0 } fees
        ? new SquareMoney(fees.Sum(f => f.AmountMoney?.Amount ?? 0), fees[0].AmountMoney?.Currency ?? TotalMoney?.Currency ?? "USD")
        : null;
}
