using System.Text.Json;
using BookedBarber.Payments.Connections;
using BookedBarber.Payments.Queues;
using BookedBarber.ProcessorSimulators.Square;
using Microsoft.Extensions.DependencyInjection;

namespace BookedBarber.Payments.FunctionalTests;

/// <summary>
/// The daily token job: a Square token expiring within 7 days is renewed at Square through the connection-maintenance
/// queue; a refused refresh shows on the connection's health. Square's OAuth application is the seller's at the simulator.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class ConnectionTokenRefreshTests(AzuriteFixture azurite)
{
    private const string Path = "external-payments/connections";

    /// <summary>Runs the timer, then every message it queued, as the queue pump would.</summary>
    private static async Task RunTheDailyJob(ApiHost host)
    {
        var dispatcher = host.Services.GetRequiredService<QueueDispatcher>();
        await dispatcher.RunJobAsync(ConnectionTokenRefreshJob.Name, default);
        var queue = host.Storage.Queue(ConnectionMaintenanceMessage.QueueName);
        while ((await queue.ReceiveMessagesAsync(32)).Value is { Length: > 0 } messages)
            foreach (var message in messages)
            {
                await dispatcher.HandleAsync(new QueueDelivery(ConnectionMaintenanceMessage.QueueName, message.MessageId, message.Body.ToString(), message.DequeueCount), default);
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
            }
    }

    [Fact]
    public async Task ATokenExpiringWithinAWeek_IsRefreshed_AndOneExpiringLaterIsLeftAlone()
    {
        SquareSimulatedMerchant? merchant = null;
        await using var host = await ApiHost.StartAsync(azurite,
            services: s => s.AddSingleton(_ => new SquareApplication(merchant!.ApplicationId, merchant.ApplicationSecret)));
        var square = host.Simulators.Square;
        var token = "EAAA-refresh-" + Guid.NewGuid().ToString("N");
        var location = "L-REFRESH-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        square.AddMerchant(token, location, "Refresh Cuts");
        merchant = square.GetMerchant(token);
        var shortLived = square.IssueAccessToken(token, lifetime: TimeSpan.FromDays(3));
        var created = await ApiAssert.Json(await host.SendAsync(HttpMethod.Post, Path, host.BarberToken(2), JsonSerializer.Serialize(new
        {
            processor_type = "square",
            account_id = location,
            connection_config = new { access_token = shortLived, location_id = location, refresh_token = merchant.RefreshToken },
        })), 201);
        var id = created.GetProperty("id").GetInt32();
        var health = (await ApiAssert.Json(await host.GetAsync($"{Path}/{id}", host.BarberToken(2)), 200)).GetProperty("health_status");
        Assert.Equal("expiring", health.GetProperty("token_status").GetString());
        Assert.True(health.GetProperty("connection_healthy").GetBoolean());

        await RunTheDailyJob(host);

        var stored = await host.Services.GetRequiredService<ConnectionStore>().GetAsync(2, id, default);
        var renewed = host.Services.GetRequiredService<ConnectionSecrets>().Open(stored!).AccessToken!;
        Assert.NotEqual(shortLived, renewed);
        Assert.Equal(square.TokenExpiresAt(renewed)!.Value.ToUnixTimeSeconds(), stored!.TokenExpiresAt!.Value.ToUnixTimeSeconds());
        Assert.True(stored.TokenExpiresAt > DateTimeOffset.UtcNow.AddDays(29));
        health = (await ApiAssert.Json(await host.GetAsync($"{Path}/{id}", host.BarberToken(2)), 200)).GetProperty("health_status");
        Assert.Equal("valid", health.GetProperty("token_status").GetString());

        // Run again: nothing is due, nothing changes (the handler is idempotent).
        await RunTheDailyJob(host);
        var again = await host.Services.GetRequiredService<ConnectionStore>().GetAsync(2, id, default);
        Assert.Equal(renewed, host.Services.GetRequiredService<ConnectionSecrets>().Open(again!).AccessToken);
    }

    [Fact]
    public async Task ARefusedRefresh_MarksTheTokenRevoked_AndTheConnectionUnhealthy()
    {
        SquareSimulatedMerchant? merchant = null;
        await using var host = await ApiHost.StartAsync(azurite,
            services: s => s.AddSingleton(_ => new SquareApplication(merchant!.ApplicationId, merchant.ApplicationSecret)));
        var square = host.Simulators.Square;
        var token = "EAAA-refused-" + Guid.NewGuid().ToString("N");
        var location = "L-REFUSED-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        square.AddMerchant(token, location, "Refused Cuts");
        merchant = square.GetMerchant(token);
        var shortLived = square.IssueAccessToken(token, lifetime: TimeSpan.FromDays(2));
        var id = (await ApiAssert.Json(await host.SendAsync(HttpMethod.Post, Path, host.BarberToken(3), JsonSerializer.Serialize(new
        {
            processor_type = "square",
            account_id = location,
            connection_config = new { access_token = shortLived, location_id = location, refresh_token = "EQAA-not-the-sellers" },
        })), 201)).GetProperty("id").GetInt32();

        await RunTheDailyJob(host);

        var detail = await ApiAssert.Json(await host.GetAsync($"{Path}/{id}", host.BarberToken(3)), 200);
        Assert.Equal("error", detail.GetProperty("status").GetString());
        var health = detail.GetProperty("health_status");
        Assert.False(health.GetProperty("connection_healthy").GetBoolean());
        Assert.Equal("revoked", health.GetProperty("token_status").GetString());
        Assert.Equal(1, health.GetProperty("recent_errors").GetInt32());
        Assert.True(health.GetProperty("last_health_check").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-1));

        // The barber connects a fresh token: checked at Square, the connection is healthy again.
        await ApiAssert.Json(await host.SendAsync(HttpMethod.Put, $"{Path}/{id}", host.BarberToken(3),
            JsonSerializer.Serialize(new { connection_config = new { access_token = token, refresh_token = merchant.RefreshToken } })), 200);
        health = (await ApiAssert.Json(await host.GetAsync($"{Path}/{id}", host.BarberToken(3)), 200)).GetProperty("health_status");
        Assert.True(health.GetProperty("connection_healthy").GetBoolean());
        Assert.Equal(0, health.GetProperty("recent_errors").GetInt32());
    }

    [Fact]
    public async Task DeleteWithTheSquareApplicationConfigured_RevokesTheAuthorization()
    {
        SquareSimulatedMerchant? merchant = null;
        await using var host = await ApiHost.StartAsync(azurite,
            services: s => s.AddSingleton(_ => new SquareApplication(merchant!.ApplicationId, merchant.ApplicationSecret)));
        var square = host.Simulators.Square;
        var token = "EAAA-revoke-" + Guid.NewGuid().ToString("N");
        var location = "L-REVOKE-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        square.AddMerchant(token, location, "Closing Cuts");
        merchant = square.GetMerchant(token);
        var id = (await ApiAssert.Json(await host.SendAsync(HttpMethod.Post, Path, host.BarberToken(2), JsonSerializer.Serialize(new
        {
            processor_type = "square",
            connection_config = new { access_token = token, location_id = location },
        })), 201)).GetProperty("id").GetInt32();

        var body = await ApiAssert.Json(await host.SendAsync(HttpMethod.Delete, $"{Path}/{id}", host.BarberToken(2)), 200);

        Assert.True(body.GetProperty("cleanup_result").GetProperty("credentials_revoked").GetBoolean());
        Assert.True(body.GetProperty("cleanup_result").GetProperty("webhooks_removed").GetBoolean());
        // The token no longer works at Square: connecting it again is refused there.
        var error = await ApiAssert.Error(await host.SendAsync(HttpMethod.Post, Path, host.BarberToken(2), JsonSerializer.Serialize(new
        {
            processor_type = "square",
            connection_config = new { access_token = token, location_id = location },
        })), 424, "EXTERNAL_PROCESSOR_UNAVAILABLE");
        Assert.Equal("token_valid", error.GetProperty("details").GetProperty("check").GetString());
        Assert.Equal("revoked", (await ApiAssert.Json(await host.GetAsync($"{Path}/{id}", host.BarberToken(2)), 200))
            .GetProperty("health_status").GetProperty("token_status").GetString());
    }
}
