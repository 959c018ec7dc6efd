using System.Net.Http.Headers;
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
}
