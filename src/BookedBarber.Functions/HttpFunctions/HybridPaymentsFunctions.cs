using BookedBarber.Payments.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace BookedBarber.Functions.HttpFunctions;

/// <summary>Hybrid payments: routing and processing. Anonymous to the host: the application checks bearer tokens itself.</summary>
public sealed class HybridPaymentsFunctions(ApiDispatcher api)
{
    [Function("ProcessPayment")]
    public Task ProcessPayment([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "hybrid-payments/process")] HttpRequest req) =>
        api.InvokeAsync("ProcessPayment", req.HttpContext);

    [Function("RoutePayment")]
    public Task RoutePayment([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "hybrid-payments/route")] HttpRequest req) =>
        api.InvokeAsync("RoutePayment", req.HttpContext);

    [Function("GetPaymentOptions")]
    public Task GetPaymentOptions([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "hybrid-payments/options/{barber_id}")] HttpRequest req) =>
        api.InvokeAsync("GetPaymentOptions", req.HttpContext);

    [Function("GetMyPaymentOptions")]
    public Task GetMyPaymentOptions([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "hybrid-payments/my-options")] HttpRequest req) =>
        api.InvokeAsync("GetMyPaymentOptions", req.HttpContext);

    [Function("GetRoutingStats")]
    public Task GetRoutingStats([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "hybrid-payments/routing-stats/{barber_id}")] HttpRequest req) =>
        api.InvokeAsync("GetRoutingStats", req.HttpContext);

    [Function("TestRouting")]
    public Task TestRouting([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "hybrid-payments/test-routing")] HttpRequest req) =>
        api.InvokeAsync("TestRouting", req.HttpContext);

    [Function("GetPaymentConfig")]
    public Task GetPaymentConfig([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "hybrid-payments/config")] HttpRequest req) =>
        api.InvokeAsync("GetPaymentConfig", req.HttpContext);

    [Function("UpdatePaymentConfig")]
    public Task UpdatePaymentConfig([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "hybrid-payments/config")] HttpRequest req) =>
        api.InvokeAsync("UpdatePaymentConfig", req.HttpContext);

    [Function("GetBarberPaymentConfig")]
    public Task GetBarberPaymentConfig([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "hybrid-payments/config/{barber_id}")] HttpRequest req) =>
        api.InvokeAsync("GetBarberPaymentConfig", req.HttpContext);

    [Function("UpdateBarberPaymentConfig")]
    public Task UpdateBarberPaymentConfig([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "hybrid-payments/config/{barber_id}")] HttpRequest req) =>
        api.InvokeAsync("UpdateBarberPaymentConfig", req.HttpContext);
}
