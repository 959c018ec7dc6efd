using System.Text.Json.Serialization;

namespace BookedBarber.Payments.Processors.Square;

/// <summary>A response that carries nothing but possible errors (e.g. DeleteWebhookSubscription).</summary>
internal sealed record SquareEmptyResponse(
    [property: JsonPropertyName("errors")] IReadOnlyList<SquareError>? Errors);
