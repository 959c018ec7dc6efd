using System.Text.Json.Serialization;

namespace BookedBarber.Payments.Processors.Square;

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
