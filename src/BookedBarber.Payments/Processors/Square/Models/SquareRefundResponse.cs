using System.Text.Json.Serialization;

namespace BookedBarber.Payments.Processors.Square;

internal sealed record SquareRefundResponse(
    [property: JsonPropertyName("errors")] IReadOnlyList<SquareError>? Errors,
    [property: JsonPropertyName("refund")] SquarePaymentRefund? Refund);
