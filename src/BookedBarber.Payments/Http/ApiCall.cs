using BookedBarber.Payments.Errors;
using System.Globalization;
using BookedBarber.Payments.Catalog;
using BookedBarber.Payments.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace BookedBarber.Payments.Http;

/// <summary>
/// One request as the pipeline saw it: the endpoint, who called, the route values and the request id. Handlers take
/// it as a parameter only for request metadata (headers, request id); what they use otherwise is in their signature.
/// </summary>
public sealed class ApiCall(HttpContext http, EndpointEntry endpoint, RouteValueDictionary routeValues, Caller? caller, string requestId)
{
    public HttpContext Http { get; } = http;

    public EndpointEntry Endpoint { get; } = endpoint;

    public string RequestId { get; } = requestId;

    public CancellationToken Aborted => Http.RequestAborted;

    /// <summary>The authenticated caller; only anonymous endpoints run without one.</summary>
    public Caller Caller => caller ?? throw new InvalidOperationException($"{Endpoint.Name} is anonymous and has no caller.");

    public string? RouteValue(string name) => routeValues.TryGetValue(name, out var value) ? value?.ToString() : null;

    /// <summary>A positive integer route parameter, or 400 naming it.</summary>
    public int RouteId(string name) => ParseId(name, RouteValue(name))
        ?? throw DomainException.Validation(name, $"{name} is required.");

    /// <summary>A query value, null when absent; given twice it is 400 (which one would we honour?), never "1,2".</summary>
    public string? Query(string name)
    {
        if (!Http.Request.Query.TryGetValue(name, out var values)) return null;
        if (values.Count > 1) throw DomainException.Validation(name, $"{name} is given more than once.");
        return values[0];
    }

    /// <summary>
    /// A positive integer id in canonical form (<c>1</c>, never <c>01</c> or <c>+1</c>), so that one object has one
    /// spelling: ids become storage and rate-limit keys. Null when absent; 400 naming it otherwise.
    /// </summary>
    public static int? ParseId(string name, string? raw)
    {
        if (raw is null) return null;
        if (!int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id <= 0
            || raw != id.ToString(CultureInfo.InvariantCulture))
            throw DomainException.Validation(name, $"{name} must be a positive integer.");
        return id;
    }
}
