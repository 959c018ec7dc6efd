namespace BookedBarber.Payments.FunctionalTests;

/// <summary>HEAD wherever GET is (load balancers probe /health with it), and the headers every response carries.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class HeadAndHeadersTests(AzuriteFixture azurite)
{
    private static readonly string[] ComparedHeaders = ["Cache-Control", "X-Content-Type-Options", "X-RateLimit-Limit", "Vary"];

    [Theory]
    [InlineData("health", false)]
    [InlineData("docs/openapi.json", false)]
    [InlineData("hybrid-payments/routing-stats/1?days=7", true)]
    public async Task Head_AnswersLikeGet_WithoutABody(string path, bool authenticated)
    {
        var token = authenticated ? azurite.Shared.BarberToken(1) : null;
        var get = await azurite.Shared.SendAsync(HttpMethod.Get, path, token);
        var head = await azurite.Shared.SendAsync(HttpMethod.Head, path, token);

        Assert.Equal(200, (int)get.StatusCode);
        Assert.Equal(get.StatusCode, head.StatusCode);
        Assert.Equal(get.Content.Headers.ContentType?.MediaType, head.Content.Headers.ContentType?.MediaType);
        foreach (var name in ComparedHeaders)
            Assert.Equal(get.Headers.TryGetValues(name, out var g) ? string.Join(",", g) : null, head.Headers.TryGetValues(name, out var h) ? string.Join(",", h) : null);
        Assert.True(head.Headers.Contains("X-Request-Id"));
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Head_OnAnAuthenticatedGet_IsRefusedLikeGet_WithoutABody()
    {
        var head = await azurite.Shared.SendAsync(HttpMethod.Head, "hybrid-payments/my-options");

        Assert.Equal(401, (int)head.StatusCode);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Head_WhereOnlyPostExists_Is405_AllowingPostAndOptions()
    {
        var head = await azurite.Shared.SendAsync(HttpMethod.Head, "hybrid-payments/process");

        Assert.Equal(405, (int)head.StatusCode);
        Assert.Equal(["POST", "OPTIONS"], head.Content.Headers.Allow);
    }

    [Fact]
    public async Task Responses_AreNeverCached_NorSniffed_ErrorsIncluded()
    {
        var ok = await azurite.Shared.GetAsync("hybrid-payments/my-options", azurite.Shared.BarberToken(1));
        var unauthorized = await azurite.Shared.GetAsync("hybrid-payments/my-options");
        var notFound = await azurite.Shared.GetAsync("no/such/route");
        var invalidJson = await azurite.Shared.SendAsync(HttpMethod.Post, "hybrid-payments/route", azurite.Shared.BarberToken(1), "{not json");

        await ApiAssert.Json(ok, 200);
        await ApiAssert.Error(unauthorized, 401, "UNAUTHORIZED");
        await ApiAssert.Error(notFound, 404, "NOT_FOUND");
        await ApiAssert.Error(invalidJson, 400, "INVALID_JSON");
        foreach (var response in new[] { ok, unauthorized, notFound, invalidJson })
        {
            Assert.True(response.Headers.CacheControl!.NoStore);
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        }
    }
}
