using System.Text.Json.Serialization;

namespace BookedBarber.Payments.Processors.Square;

/// <summary>Square's <c>Error</c>.</summary>
public sealed record SquareError(
    [property: JsonPropertyName("category")] string Category,
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("detail")] string? Detail = null,
    [property: JsonPropertyName("field")] string? Field = null);
