using System.Text.Json;
using BookedBarber.DevHost;
using BookedBarber.Payments.Connections;
using BookedBarber.Payments.Security;
using BookedBarber.Payments.Sync;
using Microsoft.Extensions.DependencyInjection;

namespace BookedBarber.Payments.FunctionalTests;

/// <summary>
/// /external-payments/connections through a real host: credentials are checked at the Square and Stripe simulators, our
/// webhook is registered there, a disconnect removes it, and every refused request leaves nothing behind.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class ConnectionTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Path = "external-payments/connections";
    private ApiHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await ApiHost.StartAsync(azurite);
        // The sync helper's queue may not be in this branch's catalog yet; the first-sync message needs it to exist.
        await _host.Storage.Queue(SyncRequest.QueueName).CreateIfNotExistsAsync();
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static int _locations;

    /// <summary>A Square seller opened at the simulator: its access token and location id.</summary>
    private (string Token, string Location) SquareSeller(string name = "Chair Two")
    {
        var n = Interlocked.Increment(ref _locations);
        var token = $"EAAA-conn-test-{Guid.NewGuid():N}";
        var location = $"L-CONN-{n}-{Guid.NewGuid().ToString("N")[..6].ToUpperInvariant()}";
        _host.Simulators.Square.AddMerchant(token, location, name);
        return (token, location);
    }

    private static string SquareBody(string token, string location, string? accountId = null, bool? webhooks = null) => JsonSerializer.Serialize(new Dictionary<string, object?>
    {
        ["processor_type"] = "square",
        ["account_id"] = accountId ?? location,
        ["account_name"] = "Main Square Location",
        ["connection_config"] = new Dictionary<string, object?> { ["access_token"] = token, ["location_id"] = location, ["environment"] = "sandbox" },
        ["webhook_notifications"] = webhooks,
    });

    private static string StripeBody(string key, string? accountId = null) => JsonSerializer.Serialize(new Dictionary<string, object?>
    {
        ["processor_type"] = "stripe",
        ["account_id"] = accountId,
        ["account_name"] = "My own Stripe",
        ["connection_config"] = new Dictionary<string, object?> { ["secret_key"] = key },
    });

    private Task<HttpResponseMessage> Create(int barberId, string body) => _host.SendAsync(HttpMethod.Post, Path, _host.BarberToken(barberId), body);

    private async Task<JsonElement> List(int barberId) => await ApiAssert.Json(await _host.GetAsync(Path, _host.BarberToken(barberId)), 200);

    private async Task<int> Count(int barberId) => (await List(barberId)).GetProperty("total_connections").GetInt32();

    [Fact]
    public async Task CreateSquare_ChecksTheTokenAndLocation_RegistersOurWebhook_AndQueuesTheFirstSync()
    {
        var (token, location) = SquareSeller();
        var response = await Create(2, SquareBody(token, location));

        var body = await ApiAssert.Json(response, 201);
        var id = body.GetProperty("id").GetInt32();
        Assert.Equal($"/api/v1/{Path}/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal("square", body.GetProperty("processor_type").GetString());
        Assert.Equal(location, body.GetProperty("account_id").GetString());
        Assert.Equal("Main Square Location", body.GetProperty("account_name").GetString());
        Assert.Equal("connected", body.GetProperty("status").GetString());
        var webhookUrl = body.GetProperty("webhook_url").GetString()!;
        Assert.Equal($"{_host.Client.BaseAddress!.GetLeftPart(UriPartial.Authority)}/api/v1/webhooks/square/{id}", webhookUrl);
        var validation = body.GetProperty("validation_result");
        Assert.True(validation.GetProperty("connection_valid").GetBoolean());
        Assert.True(validation.GetProperty("permissions_verified").GetBoolean());
        Assert.True(validation.GetProperty("webhook_configured").GetBoolean());

        var subscription = Assert.Single(_host.Simulators.Square.WebhookSubscriptions, s => s.NotificationUrl == webhookUrl);
        Assert.Equal(ConnectionWebhooks.SquareEvents, subscription.EventTypes);
        var stored = await _host.Services.GetRequiredService<ConnectionStore>().GetAsync(2, id, default);
        Assert.Equal(subscription.Id, stored!.WebhookSubscriptionId);
        Assert.Equal(webhookUrl, stored.WebhookUrl);
        Assert.Equal(subscription.SignatureKey, _host.Services.GetRequiredService<ConnectionSecrets>().OpenWebhookSecret(stored));
        Assert.DoesNotContain(subscription.SignatureKey, stored.ProtectedWebhookSecret);
        Assert.Equal(token, _host.Services.GetRequiredService<ConnectionSecrets>().Open(stored).AccessToken);

        var detail = await ApiAssert.Json(await _host.GetAsync($"{Path}/{id}", _host.BarberToken(2)), 200);
        Assert.Equal(0.026m, detail.GetProperty("processing_fees").GetProperty("card_present").GetDecimal());
        Assert.Equal(0.10m, detail.GetProperty("processing_fees").GetProperty("per_transaction").GetDecimal());
        Assert.Equal(JsonValueKind.Null, detail.GetProperty("last_sync_at").ValueKind);
        Assert.Equal(JsonValueKind.Null, detail.GetProperty("last_transaction_at").ValueKind);
        Assert.Equal(0, detail.GetProperty("total_transactions").GetInt32());
        var health = detail.GetProperty("health_status");
        Assert.True(health.GetProperty("connection_healthy").GetBoolean());
        Assert.Equal(0, health.GetProperty("recent_errors").GetInt32());
        Assert.Equal("valid", health.GetProperty("token_status").GetString());
        Assert.Equal(_host.Simulators.Square.TokenExpiresAt(token)!.Value.ToUnixTimeSeconds(), health.GetProperty("token_expires_at").GetDateTimeOffset().ToUnixTimeSeconds());
        Assert.True(health.GetProperty("last_health_check").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-1));

        var listed = (await List(2)).GetProperty("connections").EnumerateArray().Single(c => c.GetProperty("id").GetInt32() == id);
        Assert.Equal(JsonValueKind.Null, listed.GetProperty("last_sync_at").ValueKind);
        Assert.Equal(0m, listed.GetProperty("total_volume").GetDecimal());

        var queued = (await _host.Storage.Queue(SyncRequest.QueueName).PeekMessagesAsync(32)).Value
            .Select(m => JsonDocument.Parse(m.Body.ToString()).RootElement).Where(m => m.GetProperty("connection_id").GetInt32() == id).ToList();
        var message = Assert.Single(queued);
        Assert.Equal(2, message.GetProperty("barber_id").GetInt32());
        Assert.Equal("manual", message.GetProperty("trigger").GetString());
        Assert.Equal(JsonValueKind.Null, message.GetProperty("since").ValueKind);
    }

    [Fact]
    public async Task List_ShowsTheBarbersConnections_WithTheProcessorsThatWork()
    {
        var list = await List(1);
        Assert.Equal(["stripe", "square"], list.GetProperty("supported_processors").EnumerateArray().Select(p => p.GetString()));
        var seeded = list.GetProperty("connections").EnumerateArray().First();
        foreach (var field in new[] { "id", "processor_type", "account_id", "account_name", "status", "supports_payments", "supports_refunds", "supports_recurring",
                     "default_currency", "last_sync_at", "last_transaction_at", "total_transactions", "total_volume", "connected_at" })
            Assert.True(seeded.TryGetProperty(field, out _), $"{field} is always present");
        Assert.Equal(list.GetProperty("connections").GetArrayLength(), list.GetProperty("total_connections").GetInt32());
    }

    [Fact]
    public async Task CreateStripe_ReadsTheKeysAccount_AndRegistersAWebhookEndpointOnIt()
    {
        var account = _host.Simulators.Stripe.CreateStandaloneAccount("Barber Three Cuts");
        var body = await ApiAssert.Json(await Create(3, StripeBody(account.SecretKey)), 201);

        var id = body.GetProperty("id").GetInt32();
        Assert.Equal(account.Id, body.GetProperty("account_id").GetString());
        Assert.True(body.GetProperty("validation_result").GetProperty("webhook_configured").GetBoolean());
        var endpoint = Assert.Single(_host.Simulators.Stripe.WebhookEndpoints, e => e.Url == body.GetProperty("webhook_url").GetString());
        Assert.Equal(account.Id, endpoint.Account);
        Assert.Equal(ConnectionWebhooks.StripeEvents.Order(), endpoint.EnabledEvents.Order());
        var stored = await _host.Services.GetRequiredService<ConnectionStore>().GetAsync(3, id, default);
        Assert.Equal(endpoint.Secret, _host.Services.GetRequiredService<ConnectionSecrets>().OpenWebhookSecret(stored!));
        var detail = await ApiAssert.Json(await _host.GetAsync($"{Path}/{id}", _host.BarberToken(3)), 200);
        Assert.Equal("valid", detail.GetProperty("health_status").GetProperty("token_status").GetString());
        Assert.Equal(JsonValueKind.Null, detail.GetProperty("health_status").GetProperty("token_expires_at").ValueKind);
    }

    [Fact]
    public async Task CreateWithoutWebhooks_RegistersNothing_AndSaysSo()
    {
        var (token, location) = SquareSeller();
        var body = await ApiAssert.Json(await Create(2, SquareBody(token, location, webhooks: false)), 201);
        Assert.False(body.GetProperty("validation_result").GetProperty("webhook_configured").GetBoolean());
        Assert.DoesNotContain(_host.Simulators.Square.WebhookSubscriptions, s => s.NotificationUrl == body.GetProperty("webhook_url").GetString());
    }

    public static TheoryData<string, string> RefusedAtTheProcessor => new()
    {
        { "inactive_location", "location_active" },
        { "unknown_location", "location_exists" },
        { "revoked_token", "token_valid" },
        { "expired_token", "token_valid" },
        { "no_payment_scopes", "permissions" },
        { "unknown_token", "token_valid" },
    };

    [Theory]
    [MemberData(nameof(RefusedAtTheProcessor))]
    public async Task CreateSquare_RefusedAtSquare_Is424NamingTheCheck_AndStoresNothing(string setup, string check)
    {
        var (token, location) = SquareSeller();
        var square = _host.Simulators.Square;
        switch (setup)
        {
            case "inactive_location": square.SetLocationActive(location, false); break;
            case "unknown_location": location = "L-NOWHERE-" + Guid.NewGuid().ToString("N")[..6]; break;
            case "revoked_token": square.RevokeToken(token); break;
            case "expired_token": square.ExpireToken(token); break;
            case "no_payment_scopes": token = square.IssueAccessToken(token, ["MERCHANT_PROFILE_READ", "PAYMENTS_READ"]); break;
            case "unknown_token": token = "EAAA-never-issued"; break;
        }
        var before = await Count(2);
        var subscriptions = square.WebhookSubscriptions.Count;

        var error = await ApiAssert.Error(await Create(2, SquareBody(token, location)), 424, "EXTERNAL_PROCESSOR_UNAVAILABLE");

        var details = error.GetProperty("details");
        Assert.Equal(check, details.GetProperty("check").GetString());
        Assert.Equal("square", details.GetProperty("processor_type").GetString());
        if (setup.EndsWith("location", StringComparison.Ordinal)) Assert.Equal(location, details.GetProperty("location_id").GetString());
        if (setup == "no_payment_scopes") Assert.Equal(["PAYMENTS_WRITE"], details.GetProperty("missing_scopes").EnumerateArray().Select(s => s.GetString()));
        Assert.DoesNotContain(token, error.ToString());
        Assert.Equal(before, await Count(2));
        Assert.Equal(subscriptions, square.WebhookSubscriptions.Count);
    }

    [Fact]
    public async Task CreateStripe_ChargesDisabledOrAnotherAccount_Is424_AndStoresNothing()
    {
        var stripe = _host.Simulators.Stripe;
        var disabled = stripe.CreateStandaloneAccount("Not yet verified");
        stripe.DisableCharges(disabled.Id);
        var other = stripe.CreateStandaloneAccount("Someone else");
        var before = await Count(3);
        var endpoints = stripe.WebhookEndpoints.Count;

        var error = await ApiAssert.Error(await Create(3, StripeBody(disabled.SecretKey)), 424, "EXTERNAL_PROCESSOR_UNAVAILABLE");
        Assert.Equal("charges_enabled", error.GetProperty("details").GetProperty("check").GetString());
        Assert.Equal(disabled.Id, error.GetProperty("details").GetProperty("account_id").GetString());

        error = await ApiAssert.Error(await Create(3, StripeBody(other.SecretKey, accountId: disabled.Id)), 424, "EXTERNAL_PROCESSOR_UNAVAILABLE");
        Assert.Equal("account_matches", error.GetProperty("details").GetProperty("check").GetString());

        error = await ApiAssert.Error(await Create(3, StripeBody("sk_test_" + new string('x', 24))), 424, "EXTERNAL_PROCESSOR_UNAVAILABLE");
        Assert.Equal("api_key_valid", error.GetProperty("details").GetProperty("check").GetString());

        Assert.Equal(before, await Count(3));
        Assert.Equal(endpoints, stripe.WebhookEndpoints.Count);
    }

    public static TheoryData<string, string> Malformed => new()
    {
        { """{"processor_type":"paypal","account_id":"x","connection_config":{"access_token":"t"}}""", "processor_type" },
        { """{"processor_type":"clover","connection_config":{}}""", "processor_type" },
        { """{"account_id":"L1","connection_config":{"access_token":"t","location_id":"L1"}}""", "processor_type" },
        { """{"processor_type":"square","account_id":"L1"}""", "connection_config" },
        { """{"processor_type":"square","account_id":"L1","connection_config":{"location_id":"L1"}}""", "connection_config.access_token" },
        { """{"processor_type":"square","connection_config":{"access_token":"EAAA-x"}}""", "connection_config.location_id" },
        { """{"processor_type":"square","account_id":"L1","connection_config":{"access_token":"EAAA-x","location_id":"L2"}}""", "account_id" },
        { """{"processor_type":"square","account_id":"L1","connection_config":{"access_token":"EAAA-x","environment":"staging"}}""", "connection_config.environment" },
        { """{"processor_type":"square","account_id":"L1","connection_config":{"access_token":""}}""", "connection_config.access_token" },
        { """{"processor_type":"stripe","connection_config":{}}""", "connection_config.secret_key" },
        { """{"processor_type":"stripe","connection_config":{"secret_key":"pk_test_abc"}}""", "connection_config.secret_key" },
        { """{"processor_type":"stripe","account_id":"L123","connection_config":{"secret_key":"sk_test_abc"}}""", "account_id" },
        { """{"processor_type":"stripe","account_name":"   ","connection_config":{"secret_key":"sk_test_abc"}}""", "account_name" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task Create_MalformedConfig_Is400NamingTheField_AndAsksNoProcessor(string json, string field)
    {
        var before = await Count(2);
        var subscriptions = _host.Simulators.Square.WebhookSubscriptions.Count;
        var squareCalls = _host.Simulators.Square.Requests;

        var error = await ApiAssert.Error(await Create(2, json), 400, "VALIDATION_ERROR");

        Assert.Equal(field, error.GetProperty("details").GetProperty("field").GetString());
        if (field == "processor_type")
            Assert.Equal(["stripe", "square"], error.GetProperty("details").GetProperty("supported_processors").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal(before, await Count(2));
        Assert.Equal(subscriptions, _host.Simulators.Square.WebhookSubscriptions.Count);
        Assert.Equal(squareCalls, _host.Simulators.Square.Requests);
    }

    [Fact]
    public async Task TheSameAccountTwice_Is409_AndRegistersOneWebhook()
    {
        var (token, location) = SquareSeller();
        await ApiAssert.Json(await Create(2, SquareBody(token, location)), 201);
        var before = await Count(2);

        var error = await ApiAssert.Error(await Create(2, SquareBody(token, location)), 409, "CONFLICT");

        Assert.Equal(location, error.GetProperty("details").GetProperty("account_id").GetString());
        Assert.Equal(before, await Count(2));
        Assert.Single(_host.Simulators.Square.WebhookSubscriptions, s => s.NotificationUrl.Contains("/webhooks/square/", StringComparison.Ordinal)
            && _host.Simulators.Square.GetMerchant(token).MerchantId == s.MerchantId);
    }

    [Fact]
    public async Task Tenancy_OthersConnectionsAre404_OwnersNameTheBarber()
    {
        var (token, location) = SquareSeller();
        var id = (await ApiAssert.Json(await Create(2, SquareBody(token, location)), 201)).GetProperty("id").GetInt32();

        await ApiAssert.Error(await _host.GetAsync($"{Path}/{id}", _host.BarberToken(3)), 404, "NOT_FOUND");
        await ApiAssert.Error(await _host.SendAsync(HttpMethod.Put, $"{Path}/{id}", _host.BarberToken(3), """{"account_name":"mine now"}"""), 404, "NOT_FOUND");
        await ApiAssert.Error(await _host.SendAsync(HttpMethod.Delete, $"{Path}/{id}", _host.BarberToken(3)), 404, "NOT_FOUND");
        await ApiAssert.Error(await _host.GetAsync($"{Path}/999999", _host.BarberToken(2)), 404, "NOT_FOUND");
        Assert.Equal("connection_id", (await ApiAssert.Error(await _host.GetAsync($"{Path}/abc", _host.BarberToken(2)), 400, "VALIDATION_ERROR"))
            .GetProperty("details").GetProperty("field").GetString());
        await ApiAssert.Error(await _host.GetAsync($"{Path}/-1", _host.BarberToken(2)), 400, "VALIDATION_ERROR");

        var owner = _host.Token(DemoWorld.ShopOwnerId, Roles.ShopOwner);
        await ApiAssert.Json(await _host.GetAsync($"{Path}/{id}", owner), 200);
        var listed = await ApiAssert.Json(await _host.GetAsync($"{Path}?barber_id=2", owner), 200);
        Assert.Contains(listed.GetProperty("connections").EnumerateArray(), c => c.GetProperty("id").GetInt32() == id);
        await ApiAssert.Error(await _host.GetAsync($"{Path}?barber_id=3", owner), 404, "NOT_FOUND");
        await ApiAssert.Error(await _host.GetAsync($"{Path}?barber_id=3", _host.BarberToken(2)), 404, "NOT_FOUND");
        Assert.Equal("barber_id", (await ApiAssert.Error(await _host.GetAsync(Path, owner), 400, "VALIDATION_ERROR")).GetProperty("details").GetProperty("field").GetString());
        await ApiAssert.Json(await _host.GetAsync($"{Path}?barber_id=3", _host.AdminToken()), 200);
    }

    [Fact]
    public async Task Update_RenamesTurnsWebhooksOffAndOn_AndChecksNewTokensAtSquare()
    {
        var (token, location) = SquareSeller();
        var created = await ApiAssert.Json(await Create(2, SquareBody(token, location)), 201);
        var id = created.GetProperty("id").GetInt32();
        var url = created.GetProperty("webhook_url").GetString();
        var square = _host.Simulators.Square;

        var body = await ApiAssert.Json(await _host.SendAsync(HttpMethod.Put, $"{Path}/{id}", _host.BarberToken(2),
            """{"account_name":"Updated Square Location Name","webhook_notifications":false}"""), 200);
        Assert.Equal(id, body.GetProperty("id").GetInt32());
        Assert.Equal("Updated Square Location Name", body.GetProperty("account_name").GetString());
        Assert.True(body.GetProperty("validation_result").GetProperty("connection_valid").GetBoolean());
        Assert.True(body.GetProperty("validation_result").GetProperty("configuration_updated").GetBoolean());
        Assert.True(body.GetProperty("updated_at").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-1));
        Assert.DoesNotContain(square.WebhookSubscriptions, s => s.NotificationUrl == url);

        await ApiAssert.Json(await _host.SendAsync(HttpMethod.Put, $"{Path}/{id}", _host.BarberToken(2), """{"webhook_notifications":true}"""), 200);
        Assert.Single(square.WebhookSubscriptions, s => s.NotificationUrl == url);

        var fresh = square.IssueAccessToken(token);
        body = await ApiAssert.Json(await _host.SendAsync(HttpMethod.Put, $"{Path}/{id}", _host.BarberToken(2),
            JsonSerializer.Serialize(new { connection_config = new { access_token = fresh } })), 200);
        Assert.True(body.GetProperty("validation_result").GetProperty("connection_valid").GetBoolean());
        var store = _host.Services.GetRequiredService<ConnectionStore>();
        var secrets = _host.Services.GetRequiredService<ConnectionSecrets>();
        Assert.Equal(fresh, secrets.Open((await store.GetAsync(2, id, default))!).AccessToken);

        // A revoked token is refused at Square: 424, and what was stored stays as it was.
        var revoked = square.IssueAccessToken(token);
        square.RevokeToken(revoked);
        var before = await store.GetAsync(2, id, default);
        var error = await ApiAssert.Error(await _host.SendAsync(HttpMethod.Put, $"{Path}/{id}", _host.BarberToken(2),
            JsonSerializer.Serialize(new { account_name = "Should not stick", connection_config = new { access_token = revoked } })), 424, "EXTERNAL_PROCESSOR_UNAVAILABLE");
        Assert.Equal("token_valid", error.GetProperty("details").GetProperty("check").GetString());
        var after = await store.GetAsync(2, id, default);
        Assert.Equal(before, after);

        // Nothing to change: valid, not updated.
        body = await ApiAssert.Json(await _host.SendAsync(HttpMethod.Put, $"{Path}/{id}", _host.BarberToken(2), "{}"), 200);
        Assert.False(body.GetProperty("validation_result").GetProperty("configuration_updated").GetBoolean());

        // The location is the connection's account: it cannot change.
        Assert.Equal("connection_config.location_id", (await ApiAssert.Error(await _host.SendAsync(HttpMethod.Put, $"{Path}/{id}", _host.BarberToken(2),
            """{"connection_config":{"location_id":"L-ELSEWHERE"}}"""), 400, "VALIDATION_ERROR")).GetProperty("details").GetProperty("field").GetString());
    }

    [Fact]
    public async Task DeleteSquare_RemovesTheSubscription_ArchivesTheConnection_AndFreesTheAccount()
    {
        var (token, location) = SquareSeller();
        var created = await ApiAssert.Json(await Create(2, SquareBody(token, location)), 201);
        var id = created.GetProperty("id").GetInt32();
        var square = _host.Simulators.Square;
        var merchant = square.GetMerchant(token).MerchantId;
        Assert.Single(square.WebhookSubscriptions, s => s.NotificationUrl == created.GetProperty("webhook_url").GetString());

        var body = await ApiAssert.Json(await _host.SendAsync(HttpMethod.Delete, $"{Path}/{id}", _host.BarberToken(2)), 200);

        Assert.Equal("Connection removed successfully", body.GetProperty("message").GetString());
        Assert.Equal(id, body.GetProperty("connection_id").GetInt32());
        var cleanup = body.GetProperty("cleanup_result");
        Assert.True(cleanup.GetProperty("webhooks_removed").GetBoolean());
        // The dev host configures the simulator's platform application (SQUARE_APPLICATION_ID/SECRET): the token is revoked.
        Assert.True(cleanup.GetProperty("credentials_revoked").GetBoolean());
        Assert.True(cleanup.GetProperty("data_archived").GetBoolean());
        Assert.DoesNotContain(square.WebhookSubscriptions, s => s.NotificationUrl == created.GetProperty("webhook_url").GetString());

        var detail = await ApiAssert.Json(await _host.GetAsync($"{Path}/{id}", _host.BarberToken(2)), 200);
        Assert.Equal("disconnected", detail.GetProperty("status").GetString());
        Assert.False(detail.GetProperty("health_status").GetProperty("connection_healthy").GetBoolean());
        var stored = await _host.Services.GetRequiredService<ConnectionStore>().GetAsync(2, id, default);
        Assert.Equal("", stored!.ProtectedCredentials);
        Assert.Null(stored.ProtectedWebhookSecret);
        Assert.NotNull(stored.DisconnectedAt);

        var again = await ApiAssert.Error(await _host.SendAsync(HttpMethod.Delete, $"{Path}/{id}", _host.BarberToken(2)), 404, "NOT_FOUND");
        Assert.Equal("disconnected", again.GetProperty("details").GetProperty("status").GetString());
        await ApiAssert.Error(await _host.SendAsync(HttpMethod.Put, $"{Path}/{id}", _host.BarberToken(2), """{"account_name":"x"}"""), 404, "NOT_FOUND");

        // The revoked token no longer validates; the seller authorizes us again and the same location connects anew.
        await ApiAssert.Error(await Create(2, SquareBody(token, location)), 424, "EXTERNAL_PROCESSOR_UNAVAILABLE");
        var fresh = square.IssueAccessToken(merchant);
        var reconnected = await ApiAssert.Json(await Create(2, SquareBody(fresh, location)), 201);
        Assert.NotEqual(id, reconnected.GetProperty("id").GetInt32());
    }

    [Fact]
    public async Task DeleteStripe_RemovesTheWebhookEndpoint_KeysCannotBeRevokedByUs()
    {
        var account = _host.Simulators.Stripe.CreateStandaloneAccount("Leaving soon");
        var created = await ApiAssert.Json(await Create(3, StripeBody(account.SecretKey)), 201);
        var id = created.GetProperty("id").GetInt32();

        var body = await ApiAssert.Json(await _host.SendAsync(HttpMethod.Delete, $"{Path}/{id}", _host.BarberToken(3)), 200);

        Assert.True(body.GetProperty("cleanup_result").GetProperty("webhooks_removed").GetBoolean());
        Assert.False(body.GetProperty("cleanup_result").GetProperty("credentials_revoked").GetBoolean());
        Assert.DoesNotContain(_host.Simulators.Stripe.WebhookEndpoints, e => e.Url == created.GetProperty("webhook_url").GetString() && !e.Disabled);
        var listed = (await List(3)).GetProperty("connections").EnumerateArray().Single(c => c.GetProperty("id").GetInt32() == id);
        Assert.Equal("disconnected", listed.GetProperty("status").GetString());
    }
}

