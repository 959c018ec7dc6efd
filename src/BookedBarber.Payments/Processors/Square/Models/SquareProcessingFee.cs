using System.Text.Json.Serialization;

namespace BookedBarber.Payments.Processors.Square;

/// <summary>Square's <c>ProcessingFee</c>.</summary>
public sealed record SquareProcessingFee(
    [property: JsonPropertyName("effective_at")] DateTimeOffset? EffectiveAt,
    [property: JsonPropertyName("type")] string? Type,
    [property: JsonPropertyName("amount_money")] SquareMoney? AmountMoney);
