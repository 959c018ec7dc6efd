using System.ComponentModel;
using BookedBarber.Payments.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Primitives;

namespace BookedBarber.Payments.Webhooks;

/// <summary>
/// <c>POST /webhooks/square/{connection_id}</c>, <c>/webhooks/stripe/{connection_id}</c> and the platform's own
/// <c>/webhooks/stripe-platform</c>: anonymous, authenticated by the processor's signature over the raw body.
/// </summary>
public static class WebhookEndpoints
{
    public static async Task<Ok<WebhookAcknowledgement>> Square(
        [FromRoute] int connectionId,
        [FromBody] byte[] payload,
        [FromHeader(Name = SquareSignature.Header), Description("Base64 HMAC-SHA256 of the notification URL followed by the raw body, with the subscription's signature key.")] StringValues signature,
        [FromHeader(Name = SquareSignature.LegacyHeader), Description("Legacy: base64 HMAC-SHA1 of the same (used only without the SHA-256 header).")] StringValues legacySignature,
        ApiCall call,
        WebhookReceiver receiver,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await receiver.ReceiveSquareAsync(connectionId, payload, Single(signature), Single(legacySignature), call.Http.Request.GetEncodedUrl(), cancellationToken));

    public static async Task<Ok<WebhookAcknowledgement>> Stripe(
        [FromRoute] int connectionId,
        [FromBody] byte[] payload,
        [FromHeader(Name = "Stripe-Signature"), Description("t=timestamp,v1=HMAC-SHA256 of \"timestamp.body\" with the endpoint's signing secret.")] StringValues signature,
        WebhookReceiver receiver,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await receiver.ReceiveStripeAsync(connectionId, payload, Single(signature), cancellationToken));

    public static async Task<Ok<WebhookAcknowledgement>> StripePlatform(
        [FromBody] byte[] payload,
        [FromHeader(Name = "Stripe-Signature"), Description("t=timestamp,v1=HMAC-SHA256 of \"timestamp.body\" with STRIPE_WEBHOOK_SECRET.")] StringValues signature,
        WebhookReceiver receiver,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await receiver.ReceiveStripePlatformAsync(payload, Single(signature), cancellationToken));

    // A signature header sent twice is no signature: which one would the processor have meant?
    private static string? Single(StringValues values) => values.Count == 1 && !string.IsNullOrEmpty(values[0]) ? values[0] : null;
}
