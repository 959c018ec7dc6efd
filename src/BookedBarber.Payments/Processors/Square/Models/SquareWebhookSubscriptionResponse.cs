using System.Text.Json.Serialization;

namespace BookedBarber.Payments.Processors.Square;

internal sealed record SquareWebhookSubscriptionResponse(
    [property: JsonPropertyName("errors")] IReadOnlyList<SquareError>? Errors,
    [property: JsonPropertyName("subscription")] SquareWebhookSubscription? Subscription);
