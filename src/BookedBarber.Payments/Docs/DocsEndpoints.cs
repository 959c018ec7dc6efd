using BookedBarber.Payments.Http;
using BookedBarber.Payments.Errors;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace BookedBarber.Payments.Docs;

/// <summary>
/// Serves the OpenAPI document and the interactive reference: Swagger UI over that document, its files served from
/// the package by <see cref="GetAsset"/> (no CDN, nothing beyond this host), with the plain reference rendered from
/// the document for readers without JavaScript.
/// </summary>
public static class DocsEndpoints
{
    private const string Base = "/" + RouteTable.Prefix + "/";

    private const string Style =
        "noscript{display:block;font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}"
        + "noscript code{background:#f4f4f4;padding:.1rem .3rem;border-radius:3px}noscript h2{border-bottom:1px solid #ddd;margin-top:2.5rem}"
        + ".op{margin:1rem 0;padding:.6rem 1rem;border-left:4px solid #4a7;background:#fafafa}.op.pending{border-color:#bbb}"
        + ".m{font-weight:bold;display:inline-block;min-width:4.5rem}noscript table{border-collapse:collapse}noscript td,noscript th{padding:.2rem .6rem;border:1px solid #ddd;text-align:left}";

    // validatorUrl null: Swagger UI would otherwise send the document to validator.swagger.io. Authorize takes a
    // pasted bearer token (./dev.sh token ...) kept only in the page's memory (persistAuthorization false: never in
    // localStorage); "Try it out" calls the document's server, this host's /api/v1.
    private const string Script =
        "window.onload=function(){window.ui=SwaggerUIBundle({url:\"" + Base + "docs/openapi.json\","
        + "dom_id:\"#swagger-ui\",deepLinking:true,validatorUrl:null,persistAuthorization:false,displayRequestDuration:true,"
        + "presets:[SwaggerUIBundle.presets.apis],layout:\"BaseLayout\"});};";

    /// <summary>
    /// The page's own script and style are allowed by hash, everything else only from this host; no framing. Swagger
    /// UI's stylesheet inlines its icons as data: images.
    /// </summary>
    public static readonly string ContentSecurityPolicy =
        $"default-src 'self'; script-src 'self' '{Sha256(Script)}'; style-src 'self' '{Sha256(Style)}'; img-src 'self' data:; "
        + "object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private static readonly Lazy<string> ReferenceHtml = new(() => RenderPage(JsonNode.Parse(OpenApiDocument.JsonText)!.AsObject()));

    /// <summary>Browsers (<c>Accept: text/html</c>) get the reference page, everything else the document.</summary>
    public static ContentHttpResult GetDocs(ApiCall call)
    {
        var accept = call.Http.Request.Headers.Accept.ToString();
        var wantsHtml = accept.Contains("text/html", StringComparison.OrdinalIgnoreCase);
        return wantsHtml ? GetReference(call) : GetOpenApi(call);
    }

    public static ContentHttpResult GetOpenApi(ApiCall call)
    {
        Harden(call.Http.Response);
        return TypedResults.Text(OpenApiDocument.JsonText, "application/json", Encoding.UTF8);
    }

    public static ContentHttpResult GetReference(ApiCall call)
    {
        Harden(call.Http.Response);
        return TypedResults.Text(ReferenceHtml.Value, "text/html", Encoding.UTF8);
    }

    /// <summary>One of Swagger UI's files; anything else is 404 in the envelope.</summary>
    public static FileContentHttpResult GetAsset([FromRoute] string file, ApiCall call)
    {
        var asset = ReferenceAssets.Find(file) ?? throw new DomainException(ErrorCodes.NotFound, $"No reference asset {file}.",
            new Dictionary<string, object?> { ["file"] = file });
        // The package's files, not API data: a browser may keep them for an hour.
        Harden(call.Http.Response);
        var headers = call.Http.Response.Headers;
        headers.CacheControl = "public, max-age=3600";
        headers.Append(HeaderNames.Vary, HeaderNames.AcceptEncoding);
        // The bundle is 1.6 MB plain, 0.45 MB as the package stores it: send that to any browser.
        if (!AcceptsGzip(call.Http.Request)) return TypedResults.Bytes(asset.Content, asset.ContentType);
        headers.ContentEncoding = "gzip";
        return TypedResults.Bytes(asset.Gzipped, asset.ContentType);
    }

    /// <summary>The reference and its files run only as this host serves them, never inside another site's frame.</summary>
    private static void Harden(HttpResponse response)
    {
        response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        response.Headers.XFrameOptions = "DENY";
    }

    private static string Sha256(string inline) => "sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(inline)));

    private static bool AcceptsGzip(HttpRequest request) =>
        request.Headers.AcceptEncoding.Any(v => v is not null && v.Split(',').Any(e => StringWithQualityHeaderValue.TryParse(e, out var x)
            && x.Value.Equals("gzip", StringComparison.OrdinalIgnoreCase) && x.Quality is not 0));

    private static string RenderPage(JsonObject document)
    {
        static string E(string? s) => WebUtility.HtmlEncode(s ?? "");
        var assets = Base + ReferenceAssets.Route + "/";
        var html = new StringBuilder();
        html.Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
            .Append(E(document["info"]?["title"]?.GetValue<string>()))
            .Append("</title><link rel=\"stylesheet\" href=\"").Append(assets).Append("swagger-ui.css\">")
            .Append("<link rel=\"icon\" type=\"image/png\" href=\"").Append(assets).Append("favicon-32x32.png\">")
            .Append("<style>").Append(Style).Append("</style></head><body>")
            .Append("<div id=\"swagger-ui\"></div>")
            .Append("<script src=\"").Append(assets).Append("swagger-ui-bundle.js\" charset=\"utf-8\"></script>")
            .Append("<script>").Append(Script).Append("</script>")
            .Append("<noscript><h1>").Append(E(document["info"]?["title"]?.GetValue<string>())).Append("</h1><p>")
            .Append(E(document["info"]?["description"]?.GetValue<string>()))
            .Append("</p><p>Base path <code>/").Append(RouteTable.Prefix).Append("</code>. Machine-readable: <a href=\"").Append(Base).Append("docs/openapi.json\">openapi.json</a>.</p>");

        var operations = document["paths"]!.AsObject()
            .SelectMany(p => p.Value!.AsObject().Select(o => (Path: p.Key, Method: o.Key, Op: o.Value!.AsObject())))
            .GroupBy(x => x.Op["tags"]![0]!.GetValue<string>());
        foreach (var tag in operations)
        {
            html.Append("<h2>").Append(E(tag.Key)).Append("</h2>");
            foreach (var (path, method, op) in tag)
            {
                var implemented = op["x-implemented"]?.GetValue<bool>() ?? false;
                html.Append("<div class=\"op").Append(implemented ? "" : " pending").Append("\"><span class=\"m\">").Append(method.ToUpperInvariant())
                    .Append("</span><code>").Append(E(path)).Append("</code><p>").Append(E(op["summary"]?.GetValue<string>()));
                if (!implemented) html.Append(" <em>(answers 501 NOT_IMPLEMENTED until its capability ships)</em>");
                html.Append("</p><p>Permission: <code>").Append(E(op["x-permission"]?.GetValue<string>() ?? "none"))
                    .Append("</code> · rate limit: ").Append(E(op["x-rate-limit-category"]?.GetValue<string>() ?? "none"));
                if (op["x-rate-limit-per-hour"] is { } perHour) html.Append(" (").Append(perHour.ToJsonString()).Append("/hour)");
                html.Append("</p>");
                if (op["parameters"] is JsonArray parameters)
                {
                    html.Append("<table><tr><th>parameter</th><th>in</th><th>type</th><th>description</th></tr>");
                    foreach (var p in parameters)
                        html.Append("<tr><td><code>").Append(E(p!["name"]!.GetValue<string>())).Append("</code></td><td>").Append(E(p["in"]!.GetValue<string>()))
                            .Append("</td><td>").Append(E(p["schema"]!["type"]!.GetValue<string>())).Append("</td><td>").Append(E(p["description"]?.GetValue<string>())).Append("</td></tr>");
                    html.Append("</table>");
                }
                html.Append("<p>Responses: ").Append(E(string.Join(", ", op["responses"]!.AsObject().Select(r => r.Key)))).Append("</p></div>");
            }
        }
        html.Append("<h2>Errors</h2><table><tr><th>code</th><th>status</th><th>meaning</th></tr>");
        foreach (var (code, (status, description)) in ErrorCodes.All)
            html.Append("<tr><td><code>").Append(code).Append("</code></td><td>").Append(status).Append("</td><td>").Append(E(description)).Append("</td></tr>");
        html.Append("</table></noscript></body></html>");
        return html.ToString();
    }
}
