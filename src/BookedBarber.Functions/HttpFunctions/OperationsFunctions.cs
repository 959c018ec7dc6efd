using BookedBarber.Payments.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace BookedBarber.Functions.HttpFunctions;

/// <summary>Operations: health and the API's own documentation. Anonymous to the host: the application checks bearer tokens itself.</summary>
public sealed class OperationsFunctions(ApiDispatcher api)
{
    [Function("GetHealth")]
    public Task GetHealth([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "health")] HttpRequest req) =>
        api.InvokeAsync("GetHealth", req.HttpContext);

    [Function("GetApiDocs")]
    public Task GetApiDocs([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "docs")] HttpRequest req) =>
        api.InvokeAsync("GetApiDocs", req.HttpContext);

    [Function("GetOpenApiDocument")]
    public Task GetOpenApiDocument([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "docs/openapi.json")] HttpRequest req) =>
        api.InvokeAsync("GetOpenApiDocument", req.HttpContext);

    [Function("GetApiReference")]
    public Task GetApiReference([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "docs/reference")] HttpRequest req) =>
        api.InvokeAsync("GetApiReference", req.HttpContext);

    [Function("GetApiReferenceAsset")]
    public Task GetApiReferenceAsset([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "docs/assets/{file}")] HttpRequest req) =>
        api.InvokeAsync("GetApiReferenceAsset", req.HttpContext);
}
