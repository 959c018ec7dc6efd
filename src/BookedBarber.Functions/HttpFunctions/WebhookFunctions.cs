using BookedBarber.Payments.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace BookedBarber.Functions.HttpFunctions;

/// <summary>Processor webhooks: anonymous here because the application checks each processor's signature.</summary>
public sealed class WebhookFunctions(ApiDispatcher api)
{
    [Function("StripeWebhook")]
    public Task StripeWebhook([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "webhooks/stripe/{connection_id}")] HttpRequest req) =>
        api.InvokeAsync("StripeWebhook", req.HttpContext);

    [Function("SquareWebhook")]
    public Task SquareWebhook([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "webhooks/square/{connection_id}")] HttpRequest req) =>
        api.InvokeAsync("SquareWebhook", req.HttpContext);

    [Function("StripePlatformWebhook")]
    public Task StripePlatformWebhook([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "webhooks/stripe-platform")] HttpRequest req) =>
        api.InvokeAsync("StripePlatformWebhook", req.HttpContext);
}
