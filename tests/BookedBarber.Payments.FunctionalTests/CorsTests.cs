using BookedBarber.Payments.Configuration;

namespace BookedBarber.Payments.FunctionalTests;

/// <summary>A browser frontend on an allowed origin may call the API; any other origin gets no allow headers.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class CorsTests(AzuriteFixture azurite)
{
    private const string Frontend = "http://localhost:3000";

    private static HttpRequestMessage Preflight(string path, string origin, string method = "POST", string headers = "authorization,content-type,idempotency-key")
    {
        var request = new HttpRequestMessage(HttpMethod.Options, path);
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", method);
        request.Headers.Add("Access-Control-Request-Headers", headers);
        return request;
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(", ", values) : null;

    [Fact]
    public async Task Preflight_FromTheDevFrontend_Is204_WithTheAllowHeaders()
    {
        var response = await azurite.Shared.Client.SendAsync(Preflight("hybrid-payments/process", Frontend));

        Assert.Equal(204, (int)response.StatusCode);
        Assert.Equal(Frontend, Header(response, "Access-Control-Allow-Origin"));
        Assert.Contains("POST", Header(response, "Access-Control-Allow-Methods"));
        var allowed = Header(response, "Access-Control-Allow-Headers")!;
        foreach (var header in new[] { "Authorization", "Content-Type", "Idempotency-Key" }) Assert.Contains(header, allowed, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("3600", Header(response, "Access-Control-Max-Age"));
        Assert.Contains("Origin", Header(response, "Vary"));
        Assert.Null(Header(response, "Access-Control-Allow-Credentials"));
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Preflight_IsAnsweredBeforeAuthentication_AndCountsNoRateLimit()
    {
        // The browser sends no Authorization on a preflight: it must not be refused for it.
        var response = await azurite.Shared.Client.SendAsync(Preflight("hybrid-payments/routing-stats/1", Frontend, "GET", "authorization"));

        Assert.Equal(204, (int)response.StatusCode);
        Assert.Null(Header(response, "X-RateLimit-Limit"));
        Assert.Null(Header(response, "WWW-Authenticate"));
    }

    [Fact]
    public async Task Preflight_FromAnotherOrigin_GetsNoAllowHeaders()
    {
        var response = await azurite.Shared.Client.SendAsync(Preflight("hybrid-payments/process", "https://evil.example"));

        Assert.Equal(204, (int)response.StatusCode);
        Assert.DoesNotContain(response.Headers, h => h.Key.StartsWith("Access-Control-", StringComparison.OrdinalIgnoreCase));
        Assert.Contains("Origin", Header(response, "Vary"));
    }

    [Fact]
    public async Task ActualRequest_FromAnAllowedOrigin_CarriesAllowOrigin_AndExposesOurHeaders()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "hybrid-payments/my-options");
        request.Headers.Add("Origin", Frontend);
        request.Headers.Authorization = new("Bearer", azurite.Shared.BarberToken(1));
        var response = await azurite.Shared.Client.SendAsync(request);

        await ApiAssert.Json(response, 200);
        Assert.Equal(Frontend, Header(response, "Access-Control-Allow-Origin"));
        Assert.Contains("Origin", Header(response, "Vary"));
        var exposed = Header(response, "Access-Control-Expose-Headers")!;
        foreach (var header in new[] { "X-Request-Id", "X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset", "Retry-After", "Idempotent-Replayed" })
            Assert.Contains(header, exposed, StringComparison.OrdinalIgnoreCase);
        Assert.Null(Header(response, "Access-Control-Allow-Credentials"));
    }

    [Fact]
    public async Task ErrorEnvelope_ForAnAllowedOrigin_IsReadableByTheBrowser()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "hybrid-payments/my-options");
        request.Headers.Add("Origin", Frontend);
        var response = await azurite.Shared.Client.SendAsync(request);

        await ApiAssert.Error(response, 401, "UNAUTHORIZED");
        Assert.Equal(Frontend, Header(response, "Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task ActualRequest_FromAnotherOrigin_GetsNoAllowHeaders()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "health");
        request.Headers.Add("Origin", "http://localhost:3001");
        var response = await azurite.Shared.Client.SendAsync(request);

        await ApiAssert.Json(response, 200);
        Assert.DoesNotContain(response.Headers, h => h.Key.StartsWith("Access-Control-", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task ConfiguredOrigins_ReplaceTheDevDefault()
    {
        await using var host = await ApiHost.StartAsync(azurite, seed: false,
            settings: new Dictionary<string, string?> { [SettingNames.CorsAllowedOrigins] = "https://app.bookedbarber.com, https://admin.bookedbarber.com" });

        var allowed = await host.Client.SendAsync(Preflight("health", "https://admin.bookedbarber.com", "GET", "authorization"));
        var devDefault = await host.Client.SendAsync(Preflight("health", Frontend, "GET", "authorization"));

        Assert.Equal("https://admin.bookedbarber.com", Header(allowed, "Access-Control-Allow-Origin"));
        Assert.Null(Header(devDefault, "Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task AnyOrigin_IsAStar_NeverCombinedWithCredentials()
    {
        // Authorization is a header, not a cookie: credentials mode is never needed, so '*' is safe to offer.
        await using var host = await ApiHost.StartAsync(azurite, seed: false,
            settings: new Dictionary<string, string?> { [SettingNames.CorsAllowedOrigins] = "*" });

        var preflight = Preflight("health", "https://anywhere.example", "GET", "authorization");
        preflight.Headers.Add("Cookie", "session=abc");
        var response = await host.Client.SendAsync(preflight);

        Assert.Equal(204, (int)response.StatusCode);
        Assert.Equal("*", Header(response, "Access-Control-Allow-Origin"));
        Assert.Null(Header(response, "Access-Control-Allow-Credentials"));
    }

    [Fact]
    public async Task Options_WithoutCors_ListsThePathsMethods()
    {
        var response = await azurite.Shared.Client.SendAsync(new HttpRequestMessage(HttpMethod.Options, "hybrid-payments/config"));

        Assert.Equal(204, (int)response.StatusCode);
        Assert.Equal(["GET", "HEAD", "PUT", "OPTIONS"], response.Content.Headers.Allow);
    }
}
