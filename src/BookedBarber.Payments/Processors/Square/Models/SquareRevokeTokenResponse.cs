using System.Text.Json.Serialization;

namespace BookedBarber.Payments.Processors.Square;

internal sealed record SquareRevokeTokenResponse(
    [property: JsonPropertyName("errors")] IReadOnlyList<SquareError>? Errors,
    [property: JsonPropertyName("success")] bool? Success);
