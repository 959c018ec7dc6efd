using System.Globalization;

namespace BookedBarber.Payments.FunctionalTests;

[Collection(AzuriteCollection.Name)]
public sealed class RateLimitTests(AzuriteFixture azurite)
{
    private static readonly Dictionary<string, string?> ThreeAnalyticsPerHour = new() { ["RATE_LIMIT_ANALYTICS"] = "3" };

    private static int Header(HttpResponseMessage response, string name) =>
        int.Parse(response.Headers.GetValues(name).Single(), CultureInfo.InvariantCulture);

    [Fact]
    public async Task EveryRateLimitedResponse_CarriesTheHeaders_AndTheLimitIsPerUserAndCategory()
    {
        await using var host = await ApiHost.StartAsync(azurite, seed: false, settings: ThreeAnalyticsPerHour);
        var barber = host.BarberToken(1);

        for (var expectedRemaining = 2; expectedRemaining >= 0; expectedRemaining--)
        {
            var ok = await host.GetAsync("unified-payment-analytics/dashboard", barber);
            Assert.Equal(3, Header(ok, "X-RateLimit-Limit"));
            Assert.Equal(expectedRemaining, Header(ok, "X-RateLimit-Remaining"));
            var reset = DateTimeOffset.FromUnixTimeSeconds(Header(ok, "X-RateLimit-Reset"));
            Assert.InRange(reset - DateTimeOffset.UtcNow, TimeSpan.Zero, TimeSpan.FromHours(1));
        }

        var refused = await host.GetAsync("unified-payment-analytics/dashboard", barber);
        var error = await ApiAssert.Error(refused, 429, "RATE_LIMIT_EXCEEDED");
        Assert.Equal("analytics", error.GetProperty("details").GetProperty("category").GetString());
        Assert.InRange(int.Parse(refused.Headers.RetryAfter!.Delta!.Value.TotalSeconds.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture), 1, 3600);
        Assert.Equal(0, Header(refused, "X-RateLimit-Remaining"));

        // Another user, and another category of the same user, have their own budgets.
        Assert.Equal(2, Header(await host.GetAsync("unified-payment-analytics/dashboard", host.BarberToken(2)), "X-RateLimit-Remaining"));
        Assert.Equal(999, Header(await host.GetAsync("hybrid-payments/my-options", barber), "X-RateLimit-Remaining"));
    }

    [Fact]
    public async Task TheCountIsShared_AcrossInstancesOnOneStorageAccount()
    {
        await using var first = await ApiHost.StartAsync(azurite, seed: false, settings: ThreeAnalyticsPerHour);
        await using var second = await ApiHost.StartAsync(azurite, seed: false, settings: ThreeAnalyticsPerHour, prefix: first.Prefix);
        var token = first.BarberToken(1);

        await ApiAssert.Json(await first.GetAsync("unified-payment-analytics/dashboard", token), 200);
        await ApiAssert.Json(await second.GetAsync("unified-payment-analytics/dashboard", token), 200);
        await ApiAssert.Json(await first.GetAsync("unified-payment-analytics/dashboard", token), 200);
        await ApiAssert.Error(await second.GetAsync("unified-payment-analytics/dashboard", token), 429, "RATE_LIMIT_EXCEEDED");
    }

    [Fact]
    public async Task ConcurrentRequestsOfOneUser_AreAllCounted_AndNoneFails()
    {
        await using var host = await ApiHost.StartAsync(azurite, seed: false, settings: new Dictionary<string, string?> { ["RATE_LIMIT_ANALYTICS"] = "40" });
        var token = host.BarberToken(1);
        var responses = await Task.WhenAll(Enumerable.Range(0, 48).Select(_ => host.GetAsync("unified-payment-analytics/dashboard", token)));

        Assert.Equal(40, responses.Count(r => (int)r.StatusCode == 200));
        Assert.Equal(8, responses.Count(r => (int)r.StatusCode == 429));
        Assert.Equal(Enumerable.Range(0, 40).Reverse(), responses.Where(r => (int)r.StatusCode == 200).Select(r => Header(r, "X-RateLimit-Remaining")).OrderDescending());
    }

    [Fact]
    public async Task HealthAndDocs_AreNotRateLimited()
    {
        var response = await azurite.Shared.GetAsync("health");
        Assert.False(response.Headers.Contains("X-RateLimit-Limit"));
    }
}
