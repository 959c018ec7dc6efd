using System.Text.Json.Serialization;

namespace BookedBarber.Payments.Processors.Square;

internal sealed record SquareListRefundsResponse(
    [property: JsonPropertyName("errors")] IReadOnlyList<SquareError>? Errors,
    [property: JsonPropertyName("refunds")] IReadOnlyList<SquarePaymentRefund>? Refunds,
    [property: JsonPropertyName("cursor")] string? Cursor);
