using System.IO.Compression;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using BookedBarber.Payments.Catalog;

namespace BookedBarber.Payments.FunctionalTests;

[Collection(AzuriteCollection.Name)]
public sealed class DocsTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Docs_ServesTheOpenApiDocument_WithEveryCatalogPath()
    {
        var document = await ApiAssert.Json(await azurite.Shared.GetAsync("docs"), 200);
        Assert.StartsWith("3.", document.GetProperty("openapi").GetString());
        var paths = document.GetProperty("paths");
        foreach (var entry in AppCatalog.Endpoints)
            Assert.True(paths.GetProperty("/" + entry.Route).TryGetProperty(entry.Method.ToLowerInvariant(), out _), $"{entry.Method} /{entry.Route}");
        Assert.Equal("/api/v1", document.GetProperty("servers")[0].GetProperty("url").GetString());
    }

    [Fact]
    public async Task Docs_ForABrowser_IsTheHumanReadableReference()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "docs");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));
        var response = await azurite.Shared.Client.SendAsync(request);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("/hybrid-payments/process", html);
        Assert.Contains("RATE_LIMIT_EXCEEDED", html);

        var reference = await azurite.Shared.GetAsync("docs/reference");
        Assert.Equal(html, await reference.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Reference_IsSwaggerUi_OverOurDocument_WithEveryAssetServedByThisHost()
    {
        var page = await azurite.Shared.GetAsync("docs/reference");
        Assert.Equal(200, (int)page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType!.MediaType);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("SwaggerUIBundle(", html);
        Assert.Contains("url:\"/api/v1/docs/openapi.json\"", html);
        Assert.Contains("validatorUrl:null", html); // never sends the document to validator.swagger.io

        // Everything the page loads comes from this host, under the API prefix: no CDN, no external host.
        var references = Regex.Matches(html, "(?:src|href)=\"([^\"]*)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(references);
        Assert.All(references, url => Assert.StartsWith("/api/v1/", url));
        Assert.DoesNotMatch("(?:src|href)=\"(?:https?:)?//", html);

        var expected = new Dictionary<string, string> { ["swagger-ui.css"] = "text/css", ["swagger-ui-bundle.js"] = "text/javascript", ["favicon-32x32.png"] = "image/png" };
        foreach (var url in references.Where(u => u.StartsWith("/api/v1/docs/assets/", StringComparison.Ordinal)))
        {
            var file = url["/api/v1/docs/assets/".Length..];
            var asset = await azurite.Shared.Client.GetAsync(url);
            Assert.Equal(200, (int)asset.StatusCode);
            Assert.Equal(expected[file], asset.Content.Headers.ContentType!.MediaType);
            Assert.True((await asset.Content.ReadAsByteArrayAsync()).Length > 0, file);
        }
        Assert.Contains("/api/v1/docs/assets/swagger-ui-bundle.js", references);
        Assert.Contains("/api/v1/docs/assets/swagger-ui.css", references);
        var css = await azurite.Shared.GetAsync("docs/assets/swagger-ui.css");
        Assert.DoesNotMatch("url\\(['\"]?(?:https?:)?//", await css.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ReferenceAsset_GoesGzipped_ToABrowserThatAcceptsIt()
    {
        var plain = await (await azurite.Shared.GetAsync("docs/assets/swagger-ui-bundle.js")).Content.ReadAsByteArrayAsync();
        var request = new HttpRequestMessage(HttpMethod.Get, "docs/assets/swagger-ui-bundle.js");
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));
        var response = await azurite.Shared.Client.SendAsync(request);

        Assert.Equal(["gzip"], response.Content.Headers.ContentEncoding);
        Assert.Contains("Accept-Encoding", response.Headers.Vary);
        await using var unzip = new GZipStream(await response.Content.ReadAsStreamAsync(), CompressionMode.Decompress);
        using var unzipped = new MemoryStream();
        await unzip.CopyToAsync(unzipped);
        Assert.Equal(plain, unzipped.ToArray());
        Assert.Equal("/*", Encoding.UTF8.GetString(plain, 0, 2)); // plain JavaScript, not the package's gzip
    }

    [Theory]
    [InlineData("docs/assets/LICENSE")]
    [InlineData("docs/assets/index.html")]
    [InlineData("docs/assets/..%2F..%2Fhealth")]
    public async Task ReferenceAsset_NotOnThePage_Is404InTheEnvelope(string path) =>
        await ApiAssert.Error(await azurite.Shared.GetAsync(path), 404, "NOT_FOUND");

    [Fact]
    public async Task OpenApi_DeclaresTheBearerScheme_ForTryingCallsFromTheReference()
    {
        var document = await ApiAssert.Json(await azurite.Shared.GetAsync("docs/openapi.json"), 200);
        var bearer = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("bearerAuth");

        Assert.Equal("http", bearer.GetProperty("type").GetString());
        Assert.Equal("bearer", bearer.GetProperty("scheme").GetString());
        var process = document.GetProperty("paths").GetProperty("/hybrid-payments/process").GetProperty("post");
        Assert.True(process.GetProperty("security")[0].TryGetProperty("bearerAuth", out _));
    }
}
