using System.Globalization;
using BookedBarber.Payments.Catalog;
using BookedBarber.Payments.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace BookedBarber.Payments.Http;

/// <summary>Everything a handler needs about one request: who called, which route values, the body and services.</summary>
public sealed class ApiCall(HttpContext http, EndpointEntry endpoint, RouteValueDictionary routeValues, Caller? caller, string requestId)
{
    public HttpContext Http { get; } = http;

    public EndpointEntry Endpoint { get; } = endpoint;

    public string RequestId { get; } = requestId;

    public CancellationToken Aborted => Http.RequestAborted;

    /// <summary>The authenticated caller; only anonymous endpoints run without one.</summary>
    public Caller Caller => caller ?? throw new InvalidOperationException($"{Endpoint.Name} is anonymous and has no caller.");

    public T Service<T>() where T : notnull => Http.RequestServices.GetRequiredService<T>();

    public string? RouteValue(string name) => routeValues.TryGetValue(name, out var value) ? value?.ToString() : null;

    /// <summary>A positive integer route parameter, or 400 naming it.</summary>
    public int RouteId(string name) => ParseId(name, RouteValue(name))
        ?? throw ApiException.Validation(name, $"{name} is required.");

    public string? Query(string name) => Http.Request.Query.TryGetValue(name, out var values) ? values.ToString() : null;

    public int? QueryId(string name) => ParseId(name, Query(name));

    public Task<T> ReadJsonAsync<T>() => JsonBody.ReadAsync<T>(Http.Request, Aborted);

    public Task<byte[]> ReadRawBodyAsync() => JsonBody.ReadBytesAsync(Http.Request, Aborted);

    /// <summary>
    /// A positive integer id in canonical form (<c>1</c>, never <c>01</c> or <c>+1</c>), so that one object has one
    /// spelling: ids become storage and rate-limit keys. Null when absent; 400 naming it otherwise.
    /// </summary>
    public static int? ParseId(string name, string? raw)
    {
        if (raw is null) return null;
        if (!int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id <= 0
            || raw != id.ToString(CultureInfo.InvariantCulture))
            throw ApiException.Validation(name, $"{name} must be a positive integer.");
        return id;
    }
}
