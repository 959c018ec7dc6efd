using System.Text.Json.Serialization;

namespace BookedBarber.Payments.Processors.Square;

/// <summary>Square's <c>Money</c>: an amount in the currency's smallest unit (cents for USD) and an ISO 4217 code.</summary>
public sealed record SquareMoney(
    [property: JsonPropertyName("amount")] long Amount,
    [property: JsonPropertyName("currency")] string Currency);

/// <summary>Square's <c>Error</c>.</summary>
public sealed record SquareError(
    [property: JsonPropertyName("category")] string Category,
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("detail")] string? Detail = null,
    [property: JsonPropertyName("field")] string? Field = null);

/// <summary>The body of Square's <c>CreatePayment</c> (POST /v2/payments) — the fields we use.</summary>
public sealed record SquareCreatePaymentRequest
{
    /// <summary>A payment token (<c>cnon:…</c>) or card on file (<c>ccof:…</c>).</summary>
    [JsonPropertyName("source_id")]
    public required string SourceId { get; init; }

    /// <summary>Unique per CreatePayment request, at most 45 characters; a retry with the same key never charges twice.</summary>
    [JsonPropertyName("idempotency_key")]
    public required string IdempotencyKey { get; init; }

    [JsonPropertyName("amount_money")]
    public required SquareMoney AmountMoney { get; init; }

    [JsonPropertyName("tip_money")]
    public SquareMoney? TipMoney { get; init; }

    /// <summary>Our platform's cut (≤ 90 % of the total).</summary>
    [JsonPropertyName("app_fee_money")]
    public SquareMoney? AppFeeMoney { get; init; }

    /// <summary>Null or true completes the payment; false leaves it APPROVED.</summary>
    [JsonPropertyName("autocomplete")]
    public bool? Autocomplete { get; init; }

    [JsonPropertyName("location_id")]
    public string? LocationId { get; init; }

    [JsonPropertyName("customer_id")]
    public string? CustomerId { get; init; }

    [JsonPropertyName("order_id")]
    public string? OrderId { get; init; }

    /// <summary>Our id for the payment, at most 40 characters.</summary>
    [JsonPropertyName("reference_id")]
    public string? ReferenceId { get; init; }

    [JsonPropertyName("verification_token")]
    public string? VerificationToken { get; init; }

    [JsonPropertyName("buyer_email_address")]
    public string? BuyerEmailAddress { get; init; }

    /// <summary>At most 500 characters.</summary>
    [JsonPropertyName("note")]
    public string? Note { get; init; }

    [JsonPropertyName("statement_description_identifier")]
    public string? StatementDescriptionIdentifier { get; init; }
}

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

/// <summary>Values of <see cref="SquarePayment.Status"/>.</summary>
public static class SquarePaymentStatus
{
    public const string Approved = "APPROVED";
    public const string Pending = "PENDING";
    public const string Completed = "COMPLETED";
    public const string Canceled = "CANCELED";
    public const string Failed = "FAILED";
}

/// <summary>Square's <c>ProcessingFee</c>.</summary>
public sealed record SquareProcessingFee(
    [property: JsonPropertyName("effective_at")] DateTimeOffset? EffectiveAt,
    [property: JsonPropertyName("type")] string? Type,
    [property: JsonPropertyName("amount_money")] SquareMoney? AmountMoney);

/// <summary>Square's <c>CardPaymentDetails</c> — the fields we read.</summary>
public sealed record SquareCardPaymentDetails
{
    /// <summary>AUTHORIZED, CAPTURED, VOIDED or FAILED.</summary>
    [JsonPropertyName("status")]
    public string? Status { get; init; }

    [JsonPropertyName("card")]
    public SquareCard? Card { get; init; }

    [JsonPropertyName("entry_method")]
    public string? EntryMethod { get; init; }

    [JsonPropertyName("cvv_status")]
    public string? CvvStatus { get; init; }

    [JsonPropertyName("avs_status")]
    public string? AvsStatus { get; init; }

    [JsonPropertyName("auth_result_code")]
    public string? AuthResultCode { get; init; }

    [JsonPropertyName("statement_description")]
    public string? StatementDescription { get; init; }

    [JsonPropertyName("errors")]
    public IReadOnlyList<SquareError>? Errors { get; init; }
}

/// <summary>Square's <c>Card</c> as returned inside payments.</summary>
public sealed record SquareCard
{
    [JsonPropertyName("id")]
    public string? Id { get; init; }

    [JsonPropertyName("card_brand")]
    public string? CardBrand { get; init; }

    [JsonPropertyName("last_4")]
    public string? Last4 { get; init; }

    [JsonPropertyName("exp_month")]
    public long? ExpMonth { get; init; }

    [JsonPropertyName("exp_year")]
    public long? ExpYear { get; init; }

    [JsonPropertyName("fingerprint")]
    public string? Fingerprint { get; init; }

    [JsonPropertyName("card_type")]
    public string? CardType { get; init; }

    [JsonPropertyName("prepaid_type")]
    public string? PrepaidType { get; init; }

    [JsonPropertyName("bin")]
    public string? Bin { get; init; }
}

/// <summary>Square's <c>Location</c> — the fields we read.</summary>
public sealed record SquareLocation
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    [JsonPropertyName("name")]
    public string? Name { get; init; }

    [JsonPropertyName("merchant_id")]
    public string? MerchantId { get; init; }

    /// <summary>ACTIVE or INACTIVE.</summary>
    [JsonPropertyName("status")]
    public string? Status { get; init; }

    [JsonPropertyName("currency")]
    public string? Currency { get; init; }

    [JsonPropertyName("country")]
    public string? Country { get; init; }

    [JsonPropertyName("timezone")]
    public string? Timezone { get; init; }

    [JsonPropertyName("business_name")]
    public string? BusinessName { get; init; }

    [JsonPropertyName("capabilities")]
    public IReadOnlyList<string>? Capabilities { get; init; }

    [JsonPropertyName("type")]
    public string? Type { get; init; }

    [JsonPropertyName("created_at")]
    public DateTimeOffset? CreatedAt { get; init; }
}

/// <summary>Filters for <see cref="SquareClient.ListPaymentsAsync"/> (Square's ListPayments query parameters).</summary>
public sealed record SquareListPaymentsOptions
{
    /// <summary>Inclusive lower bound on created_at; Square defaults to one year ago.</summary>
    public DateTimeOffset? BeginTime { get; init; }

    /// <summary>Upper bound on created_at; Square defaults to now.</summary>
    public DateTimeOffset? EndTime { get; init; }

    /// <summary>"ASC" (oldest first) or "DESC" (Square's default).</summary>
    public string? SortOrder { get; init; }

    /// <summary>Square defaults to the seller's main location.</summary>
    public string? LocationId { get; init; }

    /// <summary>Page size, 1..100 (Square's default and maximum is 100).</summary>
    public int? Limit { get; init; }
}

internal sealed record SquareErrorResponse(
    [property: JsonPropertyName("errors")] IReadOnlyList<SquareError>? Errors,
    [property: JsonPropertyName("payment")] SquarePayment? Payment);

internal sealed record SquarePaymentResponse(
    [property: JsonPropertyName("errors")] IReadOnlyList<SquareError>? Errors,
    [property: JsonPropertyName("payment")] SquarePayment? Payment);

internal sealed record SquareListPaymentsResponse(
    [property: JsonPropertyName("errors")] IReadOnlyList<SquareError>? Errors,
    [property: JsonPropertyName("payments")] IReadOnlyList<SquarePayment>? Payments,
    [property: JsonPropertyName("cursor")] string? Cursor);

internal sealed record SquareListLocationsResponse(
    [property: JsonPropertyName("errors")] IReadOnlyList<SquareError>? Errors,
    [property: JsonPropertyName("locations")] IReadOnlyList<SquareLocation>? Locations);

internal sealed record SquareLocationResponse(
    [property: JsonPropertyName("errors")] IReadOnlyList<SquareError>? Errors,
    [property: JsonPropertyName("location")] SquareLocation? Location);
