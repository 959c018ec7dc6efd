using BookedBarber.Payments.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace BookedBarber.Functions.HttpFunctions;

/// <summary>Platform collections: the commission the platform collects from barbers. Anonymous to the host: the application checks bearer tokens itself.</summary>
public sealed class PlatformCollectionsFunctions(ApiDispatcher api)
{
    [Function("ListMyCollections")]
    public Task ListMyCollections([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "platform-collections/my-collections")] HttpRequest req) =>
        api.InvokeAsync("ListMyCollections", req.HttpContext);

    [Function("GetCollection")]
    public Task GetCollection([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "platform-collections/collections/{collection_id}")] HttpRequest req) =>
        api.InvokeAsync("GetCollection", req.HttpContext);

    [Function("RetryCollection")]
    public Task RetryCollection([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "platform-collections/collections/{collection_id}/retry")] HttpRequest req) =>
        api.InvokeAsync("RetryCollection", req.HttpContext);

    [Function("GetCollectionSummary")]
    public Task GetCollectionSummary([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "platform-collections/summary")] HttpRequest req) =>
        api.InvokeAsync("GetCollectionSummary", req.HttpContext);

    [Function("RunCollections")]
    public Task RunCollections([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "internal/collections/run")] HttpRequest req) =>
        api.InvokeAsync("RunCollections", req.HttpContext);

    [Function("CheckCollections")]
    public Task CheckCollections([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "internal/collections/check")] HttpRequest req) =>
        api.InvokeAsync("CheckCollections", req.HttpContext);
}
