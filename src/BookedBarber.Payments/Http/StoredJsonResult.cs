using Microsoft.AspNetCore.Http;

namespace BookedBarber.Payments.Http;

/// <summary>A response answered before and kept (an idempotent replay): its status and JSON body, byte for byte.</summary>
public sealed class StoredJsonResult(int status, string body) : IResult
{
    public int StatusCode { get; } = status;

    public string Body { get; } = body;

    public Task ExecuteAsync(HttpContext httpContext) =>
        Results.Content(Body, "application/json; charset=utf-8", statusCode: StatusCode).ExecuteAsync(httpContext);
}
