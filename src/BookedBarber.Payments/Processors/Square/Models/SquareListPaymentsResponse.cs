using System.Text.Json.Serialization;

namespace BookedBarber.Payments.Processors.Square;

internal sealed record SquareListPaymentsResponse(
    [property: JsonPropertyName("errors")] IReadOnlyList<SquareError>? Errors,
    [property: JsonPropertyName("payments")] IReadOnlyList<SquarePayment>? Payments,
    [property: JsonPropertyName("cursor")] string? Cursor);
