using BookedBarber.Payments.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace BookedBarber.Functions.HttpFunctions;

/// <summary>The analytics consistency check (operators). Anonymous to the host: the application checks bearer tokens itself.</summary>
public sealed class AnalyticsCheckFunctions(ApiDispatcher api)
{
    [Function("CheckAnalytics")]
    public Task CheckAnalytics([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "internal/analytics/check")] HttpRequest req) =>
        api.InvokeAsync("CheckAnalytics", req.HttpContext);
}
