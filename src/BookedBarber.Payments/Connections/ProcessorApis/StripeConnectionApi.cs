using BookedBarber.Payments.Processors.Stripe;
using Stripe;

namespace BookedBarber.Payments.Connections;

/// <summary><see cref="IStripeConnectionApi"/> through Stripe.net, against Stripe (or the simulator at STRIPE_API_BASE).</summary>
public sealed class StripeConnectionApi(StripeClients stripeClients) : IStripeConnectionApi
{
    public async Task<StripeAccountInfo> GetAccountAsync(string secretKey, CancellationToken cancellationToken)
    {
        var account = await new AccountService(ClientFor(secretKey)).GetSelfAsync(cancellationToken: cancellationToken);
        return new StripeAccountInfo(account.Id, account.ChargesEnabled, account.DefaultCurrency,
            account.BusinessProfile?.Name ?? account.Settings?.Dashboard?.DisplayName);
    }

    public async Task<(string Id, string Secret)> CreateWebhookEndpointAsync(string secretKey, string url, IReadOnlyList<string> events, string idempotencyKey,
        CancellationToken cancellationToken)
    {
        var endpoint = await new WebhookEndpointService(ClientFor(secretKey)).CreateAsync(
            new WebhookEndpointCreateOptions { Url = url, EnabledEvents = [.. events], Description = "BookedBarber payments" },
            new RequestOptions { IdempotencyKey = idempotencyKey }, cancellationToken);
        return (endpoint.Id, endpoint.Secret ?? throw new StripeException("Stripe returned a webhook endpoint without its secret."));
    }

    public async Task DeleteWebhookEndpointAsync(string secretKey, string endpointId, CancellationToken cancellationToken)
    {
        try
        {
            await new WebhookEndpointService(ClientFor(secretKey)).DeleteAsync(endpointId, cancellationToken: cancellationToken);
        }
        catch (StripeException ex) when (ex.HttpStatusCode == System.Net.HttpStatusCode.NotFound)
        {
            // Already gone: what we wanted.
        }
    }

    private StripeClient ClientFor(string secretKey) => stripeClients.For(secretKey, networkRetries: 1);
}
