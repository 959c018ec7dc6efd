namespace BookedBarber.Payments.Connections;

/// <summary>
/// The Stripe calls a connection to the barber's own Stripe account needs, authenticated by that account's secret key.
/// Failures throw Stripe.net's <see cref="Stripe.StripeException"/>.
/// </summary>
public interface IStripeConnectionApi
{
    /// <summary>GET /v1/account: the account the key belongs to.</summary>
    Task<StripeAccountInfo> GetAccountAsync(string secretKey, CancellationToken cancellationToken);

    /// <summary>POST /v1/webhook_endpoints: returns the endpoint id and its signing secret (whsec_...).</summary>
    Task<(string Id, string Secret)> CreateWebhookEndpointAsync(string secretKey, string url, IReadOnlyList<string> events, string idempotencyKey, CancellationToken cancellationToken);

    /// <summary>DELETE /v1/webhook_endpoints/{id}; one already gone counts as deleted.</summary>
    Task DeleteWebhookEndpointAsync(string secretKey, string endpointId, CancellationToken cancellationToken);
}
