using BookedBarber.Payments.Connections;
using BookedBarber.Payments.RateLimiting;
using Microsoft.Extensions.DependencyInjection;

namespace BookedBarber.Payments.FunctionalTests;

/// <summary>
/// Webhooks are anonymous, so they are counted per connection: only a connection that exists, named canonically, may
/// open a budget, and no id an attacker writes can make the limiter fail open.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class WebhookRateLimitTests(AzuriteFixture azurite)
{
    private static Task<HttpResponseMessage> Post(ApiHost host, string path) =>
        host.SendAsync(HttpMethod.Post, path, json: "{}");

    [Theory]
    [InlineData("webhooks/stripe/01")]
    [InlineData("webhooks/stripe/abc")]
    [InlineData("webhooks/square/3f2504e0-4f89-11d3-9a0c-0305e82c3301")]
    [InlineData("webhooks/stripe/1%23x")]
    [InlineData("webhooks/stripe/1%3Fx")]
    [InlineData("webhooks/stripe/1%0AFORGED")]
    [InlineData("webhooks/stripe/0")]
    public async Task AnIdNotInCanonicalForm_Is400_AndCountsNothing(string path)
    {
        var response = await Post(azurite.Shared, path);
        var error = await ApiAssert.Error(response, 400, "VALIDATION_ERROR");
        Assert.Equal("connection_id", error.GetProperty("details").GetProperty("field").GetString());
        Assert.False(response.Headers.Contains("X-RateLimit-Limit"));
    }

    [Fact]
    public async Task AConnectionThatDoesNotExist_Is404_AndCountsNothing()
    {
        var response = await Post(azurite.Shared, "webhooks/square/987654321");
        await ApiAssert.Error(response, 404, "NOT_FOUND");
        Assert.False(response.Headers.Contains("X-RateLimit-Limit"));
    }

    [Fact]
    public async Task AnExistingConnection_IsCountedUnderItsId_ThenChecksTheSignature()
    {
        await using var host = await ApiHost.StartAsync(azurite, settings: new Dictionary<string, string?> { ["RATE_LIMIT_WEBHOOKS"] = "2" });
        var connection = (await host.Services.GetRequiredService<ConnectionStore>().ListAsync(1, default)).First(c => c.ProcessorType == ProcessorTypes.Square).Id;

        var first = await Post(host, $"webhooks/square/{connection}");
        await ApiAssert.Error(first, 400, "WEBHOOK_SIGNATURE_INVALID");
        Assert.Equal("1", first.Headers.GetValues("X-RateLimit-Remaining").Single());
        await ApiAssert.Error(await Post(host, $"webhooks/stripe/{connection}"), 404, "NOT_FOUND");
        await ApiAssert.Error(await Post(host, $"webhooks/square/{connection}"), 429, "RATE_LIMIT_EXCEEDED");
        await ApiAssert.Error(await Post(host, $"webhooks/square/0{connection}"), 400, "VALIDATION_ERROR");
    }

    [Theory]
    [InlineData("connection-1#x")]
    [InlineData("connection-1?x")]
    [InlineData("connection-a/b\\c")]
    [InlineData("connection-\n\u007f")]
    public async Task NoSubjectMakesTheLimiterFailOpen(string subject)
    {
        await using var host = await ApiHost.StartAsync(azurite, seed: false, settings: new Dictionary<string, string?> { ["RATE_LIMIT_WEBHOOKS"] = "1" });
        var limiter = host.Services.GetRequiredService<RateLimiter>();

        Assert.True((await limiter.CountAsync(RateLimitCategory.Webhooks, subject, default)).Allowed);
        Assert.False((await limiter.CountAsync(RateLimitCategory.Webhooks, subject, default)).Allowed);
    }

    [Fact]
    public async Task WebhooksAreCountedAhead_ExactlyOnOneInstance_AndTheCounterRowCatchesUp()
    {
        await using var host = await ApiHost.StartAsync(azurite, seed: false, settings: new Dictionary<string, string?> { ["RATE_LIMIT_WEBHOOKS"] = "10" });
        var limiter = host.Services.GetRequiredService<RateLimiter>();

        var decisions = new List<RateLimitDecision>();
        for (var i = 0; i < 12; i++) decisions.Add(await limiter.CountAsync(RateLimitCategory.Webhooks, "connection-77", default));

        // Answered from the running count below 9 of 10, from the written counter from there on: the same numbers.
        Assert.Equal([9, 8, 7, 6, 5, 4, 3, 2, 1, 0, 0, 0], decisions.Select(d => d.Remaining));
        Assert.Equal(10, decisions.Count(d => d.Allowed));
        var table = host.Storage.Table(host.Storage.Names.RateLimits);
        var row = RateLimiter.WindowKey(decisions[0].ResetAt - RateLimitPolicy.Window);
        Assert.Equal(12, (await table.GetEntityAsync<Azure.Data.Tables.TableEntity>("webhooks|connection-77", row)).Value.GetInt32("Count"));
    }
}
