using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using BookedBarber.Payments.Amounts;
using BookedBarber.Payments.Connections;
using BookedBarber.Payments.Sync;
using BookedBarber.Payments.Webhooks;
using Microsoft.Extensions.DependencyInjection;

namespace BookedBarber.Payments.FunctionalTests;

/// <summary>
/// What a hostile client found in the outside-processor endpoints (issue 10), each reproduced through a real host and
/// the simulators: a signed Stripe body that is not an object (500), fields a PUT cannot change answered 200, a webhook
/// accepted right after its connection was deleted, a PUT racing a DELETE bringing the connection back, and totals
/// written without the currency's decimals.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class Issue10ProbeTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Path = "external-payments/connections";
    private const string PlatformSecret = "whsec_probe_platform_secret";
    private ApiHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await ApiHost.StartAsync(azurite, settings: new Dictionary<string, string?> { ["STRIPE_WEBHOOK_SECRET"] = PlatformSecret });
        await _host.Storage.Queue(SyncRequest.QueueName).CreateIfNotExistsAsync();
        await _host.Storage.Queue(WebhookEventsHandler.QueueName).CreateIfNotExistsAsync();
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private (string Token, string Location) SquareSeller()
    {
        var token = $"EAAA-probe-{Guid.NewGuid():N}";
        var location = $"L-PROBE-{Guid.NewGuid().ToString("N")[..8].ToUpperInvariant()}";
        _host.Simulators.Square.AddMerchant(token, location, "Probe Cuts");
        return (token, location);
    }

    private async Task<int> ConnectSquare(int barberId, string token, string location, bool webhooks)
    {
        var body = JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["processor_type"] = "square",
            ["connection_config"] = new Dictionary<string, object?> { ["access_token"] = token, ["location_id"] = location },
            ["webhook_notifications"] = webhooks,
        });
        var created = await ApiAssert.Json(await _host.SendAsync(HttpMethod.Post, Path, _host.BarberToken(barberId), body), 201);
        return created.GetProperty("id").GetInt32();
    }

    /// <summary>A Stripe connection stored directly with a known signing secret, as the connections feature stores one.</summary>
    private async Task<ProcessorConnection> StoredStripeConnection(string secret)
    {
        var secrets = _host.Services.GetRequiredService<ConnectionSecrets>();
        var connection = new ProcessorConnection(0, 1, ProcessorTypes.Stripe, "acct_" + Guid.NewGuid().ToString("N")[..12], "Own Stripe", ConnectionStatus.Connected,
            secrets.Seal(1, new ConnectionCredentials(SecretKey: "sk_test_probe")), null, "USD",
            new ProcessingFees(0.027m, 0.029m, new Money(30, Currency.Usd)), DateTimeOffset.UtcNow,
            ProtectedWebhookSecret: secrets.SealSecret(1, secret));
        return await _host.Services.GetRequiredService<ConnectionStore>().CreateAsync(connection, default);
    }

    private static string StripeSignature(string secret, string body)
    {
        var t = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return $"t={t},v1={Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{t}.{body}")))}";
    }

    private Task<HttpResponseMessage> PostWebhook(string path, string body, string header, string signature)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation(header, signature);
        return _host.Client.SendAsync(request);
    }

    private Task<IReadOnlyList<string>> Recorded(string source, int connectionId) =>
        _host.Services.GetRequiredService<WebhookEventLog>().ListIdsAsync(source, connectionId, default);

    [Theory]
    [InlineData("[1,2]")]
    [InlineData("null")]
    [InlineData("\"evt_text\"")]
    public async Task StripeWebhook_ASignedBodyThatIsNotAnObject_Is400_NotA500_AndNothingIsStored(string body)
    {
        var connection = await StoredStripeConnection("whsec_probe_connection");

        var own = await ApiAssert.Error(await PostWebhook($"webhooks/stripe/{connection.Id}", body, "Stripe-Signature",
            StripeSignature("whsec_probe_connection", body)), 400, "VALIDATION_ERROR");
        Assert.Equal("body", own.GetProperty("details").GetProperty("field").GetString());
        await ApiAssert.Error(await PostWebhook("webhooks/stripe-platform", body, "Stripe-Signature", StripeSignature(PlatformSecret, body)),
            400, "VALIDATION_ERROR");

        Assert.Empty(await Recorded(WebhookSources.Stripe, connection.Id));
        Assert.Empty(await Recorded(WebhookSources.StripePlatform, 0));
    }

    [Fact]
    public async Task NewConnection_ShowsItsTotalVolumeWithTheCurrencysDecimals_InListAndDetail()
    {
        var (token, location) = SquareSeller();
        var id = await ConnectSquare(1, token, location, webhooks: false);

        var detail = await (await _host.GetAsync($"{Path}/{id}", _host.BarberToken(1))).Content.ReadAsStringAsync();
        var list = await (await _host.GetAsync(Path, _host.BarberToken(1))).Content.ReadAsStringAsync();

        Assert.Contains("\"total_volume\":0.00,", detail, StringComparison.Ordinal);
        var listed = JsonNode.Parse(list)!["connections"]!.AsArray().Single(c => c!["id"]!.GetValue<int>() == id)!.ToJsonString();
        Assert.Contains("\"total_volume\":0.00,", listed, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"processor_type\":\"stripe\"}", "processor_type")]
    [InlineData("{\"account_id\":\"L-SOMEWHERE-ELSE\"}", "account_id")]
    [InlineData("{\"connection_config\":{\"secret_key\":\"sk_test_not_for_square\"}}", "connection_config.secret_key")]
    [InlineData("{\"connection_config\":{\"webhook_secret\":\"whsec_not_for_square\"}}", "connection_config.webhook_secret")]
    public async Task Put_AFieldTheConnectionCannotTake_Is400NamingIt_NeverA200ThatIgnoresIt(string body, string field)
    {
        var (token, location) = SquareSeller();
        var id = await ConnectSquare(1, token, location, webhooks: false);
        var store = _host.Services.GetRequiredService<ConnectionStore>();
        var before = await store.GetAsync(1, id, default);

        var error = await ApiAssert.Error(await _host.SendAsync(HttpMethod.Put, $"{Path}/{id}", _host.BarberToken(1), body), 400, "VALIDATION_ERROR");

        Assert.Equal(field, error.GetProperty("details").GetProperty("field").GetString());
        Assert.Equal(before, await store.GetAsync(1, id, default));
    }

    [Fact]
    public async Task Put_RepeatingTheConnectionsOwnProcessorAndAccount_IsFine()
    {
        var (token, location) = SquareSeller();
        var id = await ConnectSquare(1, token, location, webhooks: false);
        var body = JsonSerializer.Serialize(new { processor_type = "square", account_id = location, account_name = "Same account" });

        var updated = await ApiAssert.Json(await _host.SendAsync(HttpMethod.Put, $"{Path}/{id}", _host.BarberToken(1), body), 200);

        Assert.Equal("Same account", updated.GetProperty("account_name").GetString());
        Assert.True(updated.GetProperty("validation_result").GetProperty("configuration_updated").GetBoolean());
    }

    [Fact]
    public async Task SquareWebhook_RightAfterItsConnectionWasDeleted_Is404_AndNothingIsStored()
    {
        var (token, location) = SquareSeller();
        var id = await ConnectSquare(1, token, location, webhooks: true);
        var subscription = Assert.Single(_host.Simulators.Square.WebhookSubscriptions, s => s.NotificationUrl.EndsWith($"/webhooks/square/{id}", StringComparison.Ordinal));
        string Event(string eventId) => new JsonObject
        {
            ["merchant_id"] = "M1",
            ["type"] = "payment.updated",
            ["event_id"] = eventId,
            ["created_at"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
            ["data"] = new JsonObject { ["type"] = "payment", ["id"] = "sq_pay_probe" },
        }.ToJsonString();
        string Sign(string body) => Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(subscription.SignatureKey),
            Encoding.UTF8.GetBytes(subscription.NotificationUrl + body)));
        var before = Event("evt-before-delete");
        await ApiAssert.Json(await PostWebhook($"webhooks/square/{id}", before, SquareSignature.Header, Sign(before)), 200);

        await ApiAssert.Json(await _host.SendAsync(HttpMethod.Delete, $"{Path}/{id}", _host.BarberToken(1)), 200);
        var after = Event("evt-after-delete");
        await ApiAssert.Error(await PostWebhook($"webhooks/square/{id}", after, SquareSignature.Header, Sign(after)), 404, "NOT_FOUND");

        Assert.Equal(["evt-before-delete"], await Recorded(WebhookSources.Square, id));
    }

    [Fact]
    public async Task Put_RacingADelete_NeverBringsTheDisconnectedConnectionBack()
    {
        var (token, location) = SquareSeller();
        var id = await ConnectSquare(1, token, location, webhooks: false);
        var newToken = _host.Simulators.Square.IssueAccessToken(token);
        var store = _host.Services.GetRequiredService<ConnectionStore>();
        // 1 s a Square call: the PUT's two calls outlast the DELETE's one by a second even on a loaded machine.
        _host.Simulators.Square.Latency = TimeSpan.FromMilliseconds(1000);
        try
        {
            // The PUT checks its new token at Square (two slow calls) while the DELETE (at most one) archives the connection.
            var put = _host.SendAsync(HttpMethod.Put, $"{Path}/{id}", _host.BarberToken(1),
                JsonSerializer.Serialize(new { connection_config = new { access_token = newToken } }));
            await Task.Delay(150);
            await ApiAssert.Json(await _host.SendAsync(HttpMethod.Delete, $"{Path}/{id}", _host.BarberToken(1)), 200);
            var disconnectedAt = (await store.GetAsync(1, id, default))!.DisconnectedAt;

            var answer = await put;

            await ApiAssert.Error(answer, 404, "NOT_FOUND");
            var stored = await store.GetAsync(1, id, default);
            Assert.Equal(ConnectionStatus.Disconnected, stored!.Status);
            Assert.Equal(disconnectedAt, stored.DisconnectedAt);
            Assert.Equal("", stored.ProtectedCredentials);
        }
        finally
        {
            _host.Simulators.Square.Latency = TimeSpan.Zero;
        }
    }

    [Fact]
    public async Task Delete_TwiceAtOnce_ArchivesOnce_TheOtherIs404()
    {
        var (token, location) = SquareSeller();
        var id = await ConnectSquare(1, token, location, webhooks: true);
        _host.Simulators.Square.Latency = TimeSpan.FromMilliseconds(300);
        try
        {
            var answers = await Task.WhenAll(
                _host.SendAsync(HttpMethod.Delete, $"{Path}/{id}", _host.BarberToken(1)),
                _host.SendAsync(HttpMethod.Delete, $"{Path}/{id}", _host.BarberToken(1)));

            Assert.Equal([200, 404], answers.Select(a => (int)a.StatusCode).Order());
        }
        finally
        {
            _host.Simulators.Square.Latency = TimeSpan.Zero;
        }
    }

    [Fact]
    public async Task Sync_SinceTheFirstDayOfTheCalendar_SyncsEverything_NotA500()
    {
        var (token, location) = SquareSeller();
        var id = await ConnectSquare(1, token, location, webhooks: false);

        var synced = await ApiAssert.Json(await _host.SendAsync(HttpMethod.Post, $"{Path}/{id}/sync?since=0001-01-01T00:00:00Z", _host.BarberToken(1)), 200);

        Assert.Equal(0, synced.GetProperty("sync_errors").GetInt32());
        Assert.NotEqual(JsonValueKind.Null, synced.GetProperty("sync_completed_at").ValueKind);
    }

    [Fact]
    public async Task CreateStripe_WithThePlatformsOwnAccount_Is400_AndNothingIsStored()
    {
        // The platform's account holds every barber's centralized payments: synced as one barber's "own" account, they
        // would all become that barber's external transactions.
        var platformKey = _host.Services.GetRequiredService<Configuration.PaymentsSettings>().StripeSecretKey!;
        var body = JsonSerializer.Serialize(new { processor_type = "stripe", connection_config = new { secret_key = platformKey }, webhook_notifications = false });

        var error = await ApiAssert.Error(await _host.SendAsync(HttpMethod.Post, Path, _host.BarberToken(2), body), 400, "VALIDATION_ERROR");

        Assert.Equal("connection_config.secret_key", error.GetProperty("details").GetProperty("field").GetString());
        var listed = await ApiAssert.Json(await _host.GetAsync(Path, _host.BarberToken(2)), 200);
        Assert.DoesNotContain(listed.GetProperty("connections").EnumerateArray(), c => c.GetProperty("processor_type").GetString() == "stripe");
    }
}
