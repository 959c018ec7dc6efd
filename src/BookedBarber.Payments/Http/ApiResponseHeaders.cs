using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace BookedBarber.Payments.Http;

/// <summary>Headers every API response carries, error envelopes included, and HEAD's empty body.</summary>
public static class ApiResponseHeaders
{
    public static void Apply(HttpContext http)
    {
        var headers = http.Response.Headers;
        // Payment data, tokens' answers and rate-limit counters must never sit in a shared or browser cache.
        headers.CacheControl = "no-store";
        headers.XContentTypeOptions = "nosniff";
        // HEAD runs GET's handler for the same status and headers; the body goes nowhere, on any host.
        if (HttpMethods.IsHead(http.Request.Method))
            http.Features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(Stream.Null));
    }
}
