using System.Text.Json.Serialization;

namespace BookedBarber.Payments.Processors.Square;

internal sealed record SquareListWebhookSubscriptionsResponse(
    [property: JsonPropertyName("errors")] IReadOnlyList<SquareError>? Errors,
    [property: JsonPropertyName("subscriptions")] IReadOnlyList<SquareWebhookSubscription>? Subscriptions,
    [property: JsonPropertyName("cursor")] string? Cursor);
