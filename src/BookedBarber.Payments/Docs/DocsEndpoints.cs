using BookedBarber.Payments.Http;
using BookedBarber.Payments.Errors;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BookedBarber.Payments.Docs;

/// <summary>Serves the OpenAPI document, and a plain HTML reference rendered from it (no external scripts).</summary>
public static class DocsEndpoints
{
    private static readonly Lazy<string> ReferenceHtml = new(() => RenderHtml(JsonNode.Parse(OpenApiDocument.JsonText)!.AsObject()));

    /// <summary>Browsers (<c>Accept: text/html</c>) get the reference page, everything else the document.</summary>
    public static ContentHttpResult GetDocs(ApiCall call)
    {
        var accept = call.Http.Request.Headers.Accept.ToString();
        var wantsHtml = accept.Contains("text/html", StringComparison.OrdinalIgnoreCase);
        return wantsHtml ? GetReference() : GetOpenApi();
    }

    public static ContentHttpResult GetOpenApi() => TypedResults.Text(OpenApiDocument.JsonText, "application/json", Encoding.UTF8);

    public static ContentHttpResult GetReference() => TypedResults.Text(ReferenceHtml.Value, "text/html", Encoding.UTF8);

    private static string RenderHtml(JsonObject document)
    {
        static string E(string? s) => WebUtility.HtmlEncode(s ?? "");
        var html = new StringBuilder();
        html.Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
            .Append(E(document["info"]?["title"]?.GetValue<string>()))
            .Append("</title><style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}")
            .Append("code,pre{background:#f4f4f4;padding:.1rem .3rem;border-radius:3px}h2{border-bottom:1px solid #ddd;margin-top:2.5rem}")
            .Append(".op{margin:1rem 0;padding:.6rem 1rem;border-left:4px solid #4a7;background:#fafafa}.op.pending{border-color:#bbb}")
            .Append(".m{font-weight:bold;display:inline-block;min-width:4.5rem}table{border-collapse:collapse}td,th{padding:.2rem .6rem;border:1px solid #ddd;text-align:left}</style></head><body>")
            .Append("<h1>").Append(E(document["info"]?["title"]?.GetValue<string>())).Append("</h1><p>")
            .Append(E(document["info"]?["description"]?.GetValue<string>()))
            .Append("</p><p>Base path <code>/").Append(RouteTable.Prefix).Append("</code>. Machine-readable: <a href=\"openapi.json\">openapi.json</a>.</p>");

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
        html.Append("</table></body></html>");
        return html.ToString();
    }
}
