using BookedBarber.Payments.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace BookedBarber.Functions.HttpFunctions;

/// <summary>Analytics rollups (operators). Anonymous to the host: the application checks bearer tokens itself.</summary>
public sealed class AnalyticsRollupFunctions(ApiDispatcher api)
{
    [Function("RebuildAnalytics")]
    public Task RebuildAnalytics([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "internal/analytics/rebuild")] HttpRequest req) =>
        api.InvokeAsync("RebuildAnalytics", req.HttpContext);
}
