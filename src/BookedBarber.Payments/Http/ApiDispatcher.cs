using System.Diagnostics;
using BookedBarber.Payments.Errors;
using System.Globalization;
using BookedBarber.Payments.Catalog;
using BookedBarber.Payments.RateLimiting;
using BookedBarber.Payments.Security;
using BookedBarber.Payments.Telemetry;
using BookedBarber.Payments.Webhooks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace BookedBarber.Payments.Http;

/// <summary>
/// Runs one API request through the same steps on every host: request id, routing, authentication,
/// permission, tenancy, rate limit, body checks, the handler, and the error envelope for any failure.
/// </summary>
public sealed class ApiDispatcher(
    RouteTable routes,
    JwtAuthenticator authenticator,
    RateLimiter rateLimiter,
    TenantAccess tenants,
    WebhookTargets webhookTargets,
    TimeProvider clock,
    ILogger<ApiDispatcher> logger,
    ApiCors? cors = null)
{
    private readonly ApiCors _cors = cors ?? ApiCors.None;

    public const string RequestIdHeader = "X-Request-Id";

    /// <summary>Dev host entry point: the path decides the endpoint (404 / 405 in the envelope otherwise).</summary>
    public Task DispatchAsync(HttpContext http) =>
        RunAsync(http, () => routes.Match(http.Request.Path.Value ?? "/", http.Request.Method));

    /// <summary>Functions entry point: the trigger already chose the endpoint; only its route values are read here.</summary>
    public Task InvokeAsync(string endpointName, HttpContext http) =>
        RunAsync(http, () => routes.MatchNamed(endpointName, http.Request.Path.Value ?? "/"));

    private async Task RunAsync(HttpContext http, Func<RouteMatch> route)
    {
        var requestId = NewRequestId();
        using var activity = PaymentsTelemetry.StartRequest(http.Request.Method, requestId);
        var started = Stopwatch.GetTimestamp();
        http.Response.Headers[RequestIdHeader] = requestId;
        ApiResponseHeaders.Apply(http);
        _cors.Apply(http);
        RouteMatch? match = null;
        IResult result;
        try
        {
            result = await HandleAsync(http, match = route(), requestId);
        }
        catch (DomainException error)
        {
            if (error.Code == ErrorCodes.Unauthorized)
                http.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
            result = ApiResults.Error(error, requestId, clock.GetUtcNow(), match?.Entry?.StatusOf(error.Code));
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            return;
        }
        catch (Exception ex)
        {
            // The endpoint's name and route template, never the raw path: request text in a log can forge log lines.
            logger.LogError(ex, "Unhandled error in {Endpoint} {Route} (request {RequestId})",
                match?.Entry?.Name ?? "(unrouted)", match?.Entry?.Route ?? "", requestId);
            result = ApiResults.Error(
                new DomainException(ErrorCodes.InternalError, "An unexpected error occurred. Quote the request_id when contacting support."),
                requestId, clock.GetUtcNow());
        }
        await ApiResults.WriteAsync(result, http);
        PaymentsTelemetry.EndRequest(activity, http.Request.Method, match?.Entry?.Route, http.Response.StatusCode, started);
    }

    private async Task<IResult> HandleAsync(HttpContext http, RouteMatch match, string requestId)
    {
        if (match.Entry is null)
        {
            if (HttpMethods.IsOptions(http.Request.Method) && match.AllowedMethods.Count > 0)
            {
                // OPTIONS on a path that exists: its methods; a CORS preflight got its allow headers from _cors.
                http.Response.Headers.Allow = string.Join(", ", match.AllowedMethods);
                return Results.NoContent();
            }
            if (match.AllowedMethods.Count == 0)
                throw new DomainException(ErrorCodes.NotFound, $"No route {http.Request.Method} {http.Request.Path.Value}.",
                    new Dictionary<string, object?> { ["path"] = http.Request.Path.Value });
            http.Response.Headers.Allow = string.Join(", ", match.AllowedMethods);
            throw new DomainException(ErrorCodes.MethodNotAllowed, $"{http.Request.Method} is not allowed on {http.Request.Path.Value}.",
                new Dictionary<string, object?> { ["allowed_methods"] = match.AllowedMethods });
        }

        var entry = match.Entry;
        var cancellationToken = http.RequestAborted;
        Caller? caller = null;
        if (!entry.Anonymous)
        {
            caller = await authenticator.AuthenticateAsync(http.Request.Headers.Authorization.ToString() is { Length: > 0 } h ? h : null, cancellationToken);
            if (!caller.Has(entry.Permission!))
                throw new DomainException(ErrorCodes.InsufficientPermissions, $"This endpoint requires the {entry.Permission} permission.",
                    new Dictionary<string, object?> { ["required_permission"] = entry.Permission, ["role"] = caller.Role });
        }

        await ApplyRateLimitAsync(http, entry, caller, match.Values!, cancellationToken);
        CheckBody(http.Request, entry);

        var call = new ApiCall(http, entry, match.Values!, caller, requestId);
        if (entry.BarberRouteParameter is { } barberParameter && caller is not null)
        {
            var barberId = call.RouteId(barberParameter);
            await tenants.EnsureBarberAsync(caller, barberId, "barber", barberId, cancellationToken);
        }
        if (!entry.Shipped) throw NotYetShipped.NotImplemented(entry);
        return await entry.Signature.InvokeAsync(call);
    }

    private async Task ApplyRateLimitAsync(HttpContext http, EndpointEntry entry, Caller? caller, Microsoft.AspNetCore.Routing.RouteValueDictionary values, CancellationToken cancellationToken)
    {
        if (entry.RateLimit == RateLimitCategory.None) return;
        string subject;
        if (caller is not null) subject = $"user-{caller.UserId}";
        else if (values.TryGetValue("connection_id", out var raw))
        {
            // Anonymous calls are counted per connection: only a canonical id of a connection that exists may open a
            // budget, or every made-up id ("01", "abc", a UUID) would get a fresh one. Asked of the webhook handler's
            // per-instance cache of connections, so a burst of deliveries costs one connection read, not one per event.
            var connectionId = ApiCall.ParseId("connection_id", raw?.ToString() ?? "")!.Value;
            if (!await webhookTargets.ExistsAsync(connectionId, cancellationToken))
                throw DomainException.NotFound("connection", connectionId);
            subject = $"connection-{connectionId}";
        }
        else subject = $"ip-{http.Connection.RemoteIpAddress}";
        var decision = await rateLimiter.CountAsync(entry.RateLimit, subject, cancellationToken);
        var headers = http.Response.Headers;
        headers["X-RateLimit-Limit"] = decision.Limit.ToString(CultureInfo.InvariantCulture);
        headers["X-RateLimit-Remaining"] = decision.Remaining.ToString(CultureInfo.InvariantCulture);
        headers["X-RateLimit-Reset"] = decision.ResetAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        if (decision.Allowed) return;
        var retryAfter = Math.Max(1, (int)Math.Ceiling((decision.ResetAt - clock.GetUtcNow()).TotalSeconds));
        headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
        throw new DomainException(ErrorCodes.RateLimitExceeded, $"Rate limit of {decision.Limit} requests per hour exceeded for this category.",
            new Dictionary<string, object?> { ["category"] = RateLimitPolicy.SettingSuffix(entry.RateLimit), ["limit"] = decision.Limit, ["retry_after_seconds"] = retryAfter });
    }

    private static void CheckBody(HttpRequest request, EndpointEntry entry)
    {
        if (request.ContentLength > JsonBody.MaxBytes) throw JsonBody.TooLarge();
        var hasBody = request.ContentLength > 0 || (request.ContentLength is null && request.Headers.TransferEncoding.Count > 0);
        if (entry.Body == BodyKind.Json && hasBody && !JsonBody.IsJsonContentType(request.ContentType))
            throw new DomainException(ErrorCodes.UnsupportedMediaType, "Send the request body as application/json.",
                new Dictionary<string, object?> { ["content_type"] = request.ContentType });
    }

    /// <summary>A new request id, as every answer carries it (<c>X-Request-Id</c> and the envelope's <c>request_id</c>).</summary>
    public static string NewRequestId() => "req_" + Guid.NewGuid().ToString("N")[..20];
}
