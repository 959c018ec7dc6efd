using System.Text.Json.Serialization;

namespace BookedBarber.Payments.Processors.Square;

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
