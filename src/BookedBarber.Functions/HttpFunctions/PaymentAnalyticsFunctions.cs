using BookedBarber.Payments.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace BookedBarber.Functions.HttpFunctions;

/// <summary>Unified payment analytics. Anonymous to the host: the application checks bearer tokens itself.</summary>
public sealed class PaymentAnalyticsFunctions(ApiDispatcher api)
{
    [Function("GetDashboard")]
    public Task GetDashboard([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "unified-payment-analytics/dashboard")] HttpRequest req) =>
        api.InvokeAsync("GetDashboard", req.HttpContext);

    [Function("GetUnifiedAnalytics")]
    public Task GetUnifiedAnalytics([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "unified-payment-analytics/analytics")] HttpRequest req) =>
        api.InvokeAsync("GetUnifiedAnalytics", req.HttpContext);

    [Function("GetRevenueOptimization")]
    public Task GetRevenueOptimization([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "unified-payment-analytics/revenue-optimization")] HttpRequest req) =>
        api.InvokeAsync("GetRevenueOptimization", req.HttpContext);

    [Function("GetSixFigureInsights")]
    public Task GetSixFigureInsights([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "unified-payment-analytics/six-figure-insights")] HttpRequest req) =>
        api.InvokeAsync("GetSixFigureInsights", req.HttpContext);

    [Function("GetSixFigureSettings")]
    public Task GetSixFigureSettings([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "unified-payment-analytics/six-figure-settings")] HttpRequest req) =>
        api.InvokeAsync("GetSixFigureSettings", req.HttpContext);

    [Function("UpdateSixFigureSettings")]
    public Task UpdateSixFigureSettings([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "unified-payment-analytics/six-figure-settings")] HttpRequest req) =>
        api.InvokeAsync("UpdateSixFigureSettings", req.HttpContext);
}
