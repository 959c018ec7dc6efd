using BookedBarber.Payments.Configuration;
using Stripe;

namespace BookedBarber.Payments.Processors.Stripe;

/// <summary>
/// The one way to make a Stripe.net client: for an account's secret key, against STRIPE_API_BASE (Stripe, or the
/// simulator locally), over the named "stripe" HttpClient. Callers say how many network retries Stripe.net may make
/// (null: its default); the payment path makes none, its own policy retries with the same idempotency key.
/// </summary>
public sealed class StripeClients(IHttpClientFactory httpClients, PaymentsSettings settings)
{
    public StripeClient For(string apiKey, int? networkRetries = null)
    {
        var http = httpClients.CreateClient("stripe");
        return new StripeClient(new StripeClientOptions
        {
            ApiKey = apiKey,
            ApiBase = settings.StripeApiBase,
            HttpClient = networkRetries is { } retries ? new SystemNetHttpClient(http, maxNetworkRetries: retries) : new SystemNetHttpClient(http),
        });
    }
}
