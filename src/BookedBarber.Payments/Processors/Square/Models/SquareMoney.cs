using System.Text.Json.Serialization;

namespace BookedBarber.Payments.Processors.Square;

/// <summary>Square's <c>Money</c>: an amount in the currency's smallest unit (cents for USD) and an ISO 4217 code.</summary>
public sealed record SquareMoney(
    [property: JsonPropertyName("amount")] long Amount,
    [property: JsonPropertyName("currency")] string Currency);
