using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace BookedBarber.Payments.Http;

/// <summary>
/// CORS for browser frontends, in the dispatcher so both hosts answer alike: ASP.NET Core's own policy evaluation
/// (<see cref="ICorsService"/>), with the origins of <c>CORS_ALLOWED_ORIGINS</c>. Credentials are never allowed: the
/// API authenticates with the Authorization header, which a cross-origin fetch sends without credentials mode, and no
/// cookie is ever read — so <c>Access-Control-Allow-Credentials</c> is never sent, and a <c>*</c> origin stays safe.
/// </summary>
public sealed class ApiCors
{
    public static readonly string[] AllowedHeaders = [HeaderNames.Authorization, HeaderNames.ContentType, "Idempotency-Key"];

    public static readonly string[] ExposedHeaders =
        [ApiDispatcher.RequestIdHeader, "X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset", HeaderNames.RetryAfter, "Idempotent-Replayed"];

    public static readonly TimeSpan MaxAge = TimeSpan.FromHours(1);

    private readonly CorsPolicy _policy;
    private readonly ICorsService _service;

    public ApiCors(IReadOnlyList<string> allowedOrigins, ILoggerFactory loggerFactory)
    {
        _policy = Policy(allowedOrigins);
        _service = new CorsService(Options.Create(new CorsOptions()), loggerFactory);
    }

    /// <summary>No origins: a browser on another origin gets no allow headers (the production default until set).</summary>
    public static ApiCors None { get; } = new([], Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance);

    public IReadOnlyList<string> Origins => _policy.AllowAnyOrigin ? ["*"] : [.. _policy.Origins];

    public static CorsPolicy Policy(IReadOnlyList<string> allowedOrigins)
    {
        var builder = new CorsPolicyBuilder()
            .WithMethods("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE")
            .WithHeaders(AllowedHeaders)
            .WithExposedHeaders(ExposedHeaders)
            .SetPreflightMaxAge(MaxAge)
            .DisallowCredentials();
        if (allowedOrigins.Contains("*")) builder.AllowAnyOrigin();
        else builder.WithOrigins([.. allowedOrigins]);
        return builder.Build();
    }

    /// <summary>A CORS preflight: OPTIONS with an Origin and Access-Control-Request-Method.</summary>
    public static bool IsPreflight(HttpRequest request) =>
        HttpMethods.IsOptions(request.Method)
        && request.Headers.ContainsKey(HeaderNames.Origin)
        && request.Headers.ContainsKey(HeaderNames.AccessControlRequestMethod);

    /// <summary>
    /// Adds the CORS headers this request earns (none for an origin not allowed), before anything is written, so
    /// error envelopes carry them too and a browser can read them.
    /// </summary>
    public void Apply(HttpContext http)
    {
        // The answer depends on Origin whenever origins are listed: caches must keep one copy per origin.
        if (!_policy.AllowAnyOrigin && !http.Response.Headers.Vary.Any(v => v?.Contains(HeaderNames.Origin, StringComparison.OrdinalIgnoreCase) == true))
            http.Response.Headers.Append(HeaderNames.Vary, HeaderNames.Origin);
        if (!http.Request.Headers.ContainsKey(HeaderNames.Origin)) return;
        var result = _service.EvaluatePolicy(http, _policy);
        result.VaryByOrigin = false; // added above, once
        _service.ApplyResult(result, http.Response);
    }
}
