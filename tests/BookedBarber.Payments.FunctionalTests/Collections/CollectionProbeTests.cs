using System.Net;
using System.Text;
using BookedBarber.DevHost;
using BookedBarber.Payments.Collections;
using BookedBarber.Payments.Security;
using Microsoft.Extensions.DependencyInjection;

namespace BookedBarber.Payments.FunctionalTests.Collections;

/// <summary>
/// A hostile client against the commission-collection surfaces (issue 11, "Bad input"): other tenants' sequential ids,
/// odd ids and query values, hostile retry bodies, retry storms, operator-run abuse. Every refusal is the contract's
/// envelope with the right status and code, and leaves the stored collection row (ETag included) unchanged.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class CollectionProbeTests(AzuriteFixture azurite)
{
    private const string Collections = "platform-collections/collections";

    [Fact]
    public async Task OtherTenants_CannotReadOrRetry_ACollection_AndSeeOnly404()
    {
        await using var world = await ChargerWorld.StartAsync(azurite);
        var owner = await world.BarberAsync();
        var failed = await world.CollectionAsync(owner, CollectionStatus.Failed, tweak: c => c with { RetryAttempt = 1 });
        var before = await world.RawAsync(failed);
        var host = world.Host;

        string[] strangers =
        [
            host.BarberToken(owner + 1),
            host.Token(DemoWorld.ShopOwnerId, Roles.ShopOwner),
            host.Token(DemoWorld.EnterpriseOwnerId, Roles.EnterpriseOwner),
            host.Token(DemoWorld.ShopOwnerId, Roles.ShopOwner, shopId: 2),
        ];
        foreach (var token in strangers)
        {
            await ApiAssert.Error(await host.GetAsync($"{Collections}/{failed.Id}", token), 404, "NOT_FOUND");
            await ApiAssert.Error(await host.SendAsync(HttpMethod.Post, $"{Collections}/{failed.Id}/retry", token, "{}"), 404, "NOT_FOUND");
            await ApiAssert.Error(await host.GetAsync($"platform-collections/my-collections?barber_id={owner}", token), 404, "NOT_FOUND");
        }
        Assert.Equal(before, await world.RawAsync(failed));
        Assert.Empty(world.Gateway.Calls);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("1e3")]
    [InlineData("9999999999999")]
    [InlineData("%201")]
    [InlineData("1%20")]
    [InlineData("%D9%A1")] // ١ ARABIC-INDIC DIGIT ONE
    [InlineData("01")]
    [InlineData("1.0")]
    public async Task OddCollectionIds_Are400_OnDetailAndRetry(string id)
    {
        var host = azurite.Shared;
        await ApiAssert.Error(await host.GetAsync($"{Collections}/{id}", host.BarberToken()), 400, "VALIDATION_ERROR");
        await ApiAssert.Error(await host.SendAsync(HttpMethod.Post, $"{Collections}/{id}/retry", host.BarberToken(), "{}"), 400, "VALIDATION_ERROR");
    }

    [Fact]
    public async Task NulInTheCollectionId_IsRefusedByKestrel_With400()
    {
        // Kestrel refuses a NUL in the request target before any middleware runs: a bare 400, never a lookup.
        var host = azurite.Shared;
        Assert.Equal(HttpStatusCode.BadRequest, (await host.GetAsync($"{Collections}/1%00", host.BarberToken())).StatusCode);
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=201", "limit")]
    [InlineData("limit=99999999999999999999", "limit")]
    [InlineData("limit=10&limit=20", "limit")]
    [InlineData("offset=-1", "offset")]
    [InlineData("status=FAILED", "status")]
    [InlineData("status=", "status")]
    [InlineData("since=yesterday", "since")]
    [InlineData("since=2026-01-02T00:00:00%2B05:00&until=2026-01-01T18:00:00Z", "since")]
    [InlineData("barber_id=0", "barber_id")]
    [InlineData("barber_id=abc", "barber_id")]
    public async Task MyCollections_BadQuery_Is400_NamingTheField(string query, string field)
    {
        var host = azurite.Shared;
        var error = await ApiAssert.Error(await host.GetAsync($"platform-collections/my-collections?{query}", host.BarberToken()), 400, "VALIDATION_ERROR");
        Assert.Equal(field, error.GetProperty("details").GetProperty("field").GetString());
    }

    [Theory]
    [InlineData("since=12/01/2026")] // December or January? Never guessed.
    [InlineData("since=Mon,%2001%20Dec%202026%2000:00:00%20GMT")]
    [InlineData("since=2026-01-01T00:00:00+05:00")] // an unencoded + arrives as a space
    [InlineData("until=1%20Jan%202026")]
    public async Task MyCollections_NonIsoDates_Are400_NotGuessed(string query)
    {
        var host = azurite.Shared;
        var field = query[..query.IndexOf('=')];
        var error = await ApiAssert.Error(await host.GetAsync($"platform-collections/my-collections?{query}", host.BarberToken()), 400, "VALIDATION_ERROR");
        Assert.Equal(field, error.GetProperty("details").GetProperty("field").GetString());
    }

    [Theory]
    [InlineData("since=2026-01-01")]
    [InlineData("since=2026-01-01T00:00:00Z")]
    [InlineData("since=2026-01-01T00:00Z")]
    [InlineData("since=2026-01-01T00:00:00.1234567%2B05:00")]
    [InlineData("until=2026-01-01T00:00:00")]
    public async Task MyCollections_IsoDates_AreRead(string query)
    {
        var host = azurite.Shared;
        await ApiAssert.Json(await host.GetAsync($"platform-collections/my-collections?{query}", host.BarberToken()), 200);
    }

    [Theory]
    [InlineData("30_DAYS")]
    [InlineData("30days")]
    [InlineData(" 30_days")]
    [InlineData("")]
    [InlineData("2_years")]
    public async Task Summary_BadPeriod_Is400(string period)
    {
        var host = azurite.Shared;
        var error = await ApiAssert.Error(
            await host.GetAsync($"platform-collections/summary?period={Uri.EscapeDataString(period)}", host.BarberToken()), 400, "VALIDATION_ERROR");
        Assert.Equal("period", error.GetProperty("details").GetProperty("field").GetString());
    }

    [Fact]
    public async Task MyCollections_HugeOffset_IsAnEmptyPage_NotAnError()
    {
        var host = azurite.Shared;
        var body = await ApiAssert.Json(await host.GetAsync($"platform-collections/my-collections?offset={int.MaxValue}&limit=200", host.BarberToken()), 200);
        Assert.Equal(0, body.GetProperty("collections").GetArrayLength());
        Assert.False(body.GetProperty("pagination").GetProperty("has_more").GetBoolean());
    }

    [Theory]
    [InlineData("""{"collection_method": 1}""", "collection_method")]
    [InlineData("""{"collection_method": "NETTING"}""", "collection_method")]
    [InlineData("""{"collection_method": " netting"}""", "collection_method")]
    [InlineData("""{"collection_method": "stripe_connect "}""", "collection_method")]
    [InlineData("""{"collection_method": ["stripe_connect"]}""", "collection_method")]
    [InlineData("""{"retry_reason": 5}""", "retry_reason")]
    [InlineData("""{"retry_reason": {"a": 1}}""", "retry_reason")]
    public async Task Retry_HostileBody_Is400_AndChangesNothing(string json, string field)
    {
        await using var world = await ChargerWorld.StartAsync(azurite);
        var barber = await world.BarberAsync();
        var failed = await world.CollectionAsync(barber, CollectionStatus.Failed, tweak: c => c with { RetryAttempt = 1 });
        var before = await world.RawAsync(failed);

        var error = await ApiAssert.Error(
            await world.Host.SendAsync(HttpMethod.Post, $"{Collections}/{failed.Id}/retry", world.Host.BarberToken(barber), json), 400, "VALIDATION_ERROR");

        Assert.Equal(field, error.GetProperty("details").GetProperty("field").GetString());
        Assert.Equal(before, await world.RawAsync(failed));
        Assert.Empty(world.Gateway.Calls);
        Assert.Equal(0, await world.QueuedCountAsync());
    }

    [Fact]
    public async Task Retry_DuplicateKeys_HugeReason_AndNotJson_AreRefused_AndChangeNothing()
    {
        await using var world = await ChargerWorld.StartAsync(azurite);
        var barber = await world.BarberAsync();
        var failed = await world.CollectionAsync(barber, CollectionStatus.Failed, tweak: c => c with { RetryAttempt = 1 });
        var before = await world.RawAsync(failed);
        var token = world.Host.BarberToken(barber);
        var path = $"{Collections}/{failed.Id}/retry";

        await ApiAssert.Error(await world.Host.SendAsync(HttpMethod.Post, path, token,
            """{"collection_method": "card_on_file", "collection_method": "stripe_connect"}"""), 400, "VALIDATION_ERROR");
        await ApiAssert.Error(await world.Host.SendAsync(HttpMethod.Post, path, token,
            $$"""{"retry_reason": "{{new string('x', 501)}}"}"""), 400, "VALIDATION_ERROR");
        var huge = await world.Host.SendAsync(HttpMethod.Post, path, token, $$"""{"retry_reason": "{{new string('x', 1024 * 1024)}}"}""");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);
        await ApiAssert.Error(await world.Host.SendAsync(HttpMethod.Post, path, token, "{\"collection_method\":"), 400, "INVALID_JSON");
        await ApiAssert.Error(await world.Host.SendAsync(HttpMethod.Post, path, token, "[]"), 400, "VALIDATION_ERROR");

        Assert.Equal(before, await world.RawAsync(failed));
        Assert.Empty(world.Gateway.Calls);
        Assert.Equal(0, await world.QueuedCountAsync());
    }

    [Fact]
    public async Task RetryStorm_FiftyConcurrentRetries_OneWins_TheRest409_AndOneChargeIsMade()
    {
        await using var world = await ChargerWorld.StartAsync(azurite);
        var barber = await world.BarberAsync();
        var failed = await world.CollectionAsync(barber, CollectionStatus.Failed, tweak: c => c with { RetryAttempt = 1, AutomaticRetries = 1 });
        var token = world.Host.BarberToken(barber);

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(i =>
            world.Host.SendAsync(HttpMethod.Post, $"{Collections}/{failed.Id}/retry", token, $$"""{"retry_reason": "storm {{i}}"}""")));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.OK)) await ApiAssert.Error(refused, 409, "CONFLICT");
        // The queue delivers the retry (at least once, maybe concurrently): the attempt is charged once.
        await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => world.Charger.ActAsync(barber, false, CancellationToken.None)));
        await world.Charger.ActAsync(barber, false, CancellationToken.None);
        var after = await world.ReadAsync(failed);
        Assert.Equal((CollectionStatus.Collected, 2), (after.Status, after.RetryAttempt));
        Assert.Single(world.Gateway.Charges, c => c.CollectionId == failed.Id && c.Record.Status == "succeeded");
        Assert.Single(await world.AuditAsync(barber), a => a.Action == "collection.retry");
    }

    [Fact]
    public async Task Run_HostileBodies_Are400or404_AndQueueNothing()
    {
        await using var world = await ChargerWorld.StartAsync(azurite);
        var host = world.Host;
        var admin = host.AdminToken();
        var ids1001 = string.Join(",", Enumerable.Range(1, 1001));

        (string Json, int Status, string Code)[] cases =
        [
            ($$"""{"barber_ids": [{{ids1001}}], "cutoff": "now"}""", 400, "VALIDATION_ERROR"),
            ("""{"barber_ids": ["1"], "cutoff": "now"}""", 400, "VALIDATION_ERROR"),
            ("""{"barber_ids": [1.5], "cutoff": "now"}""", 400, "VALIDATION_ERROR"),
            ("""{"barber_ids": [1, 1], "cutoff": "now"}""", 400, "VALIDATION_ERROR"),
            ("""{"barber_ids": [], "cutoff": "now"}""", 400, "VALIDATION_ERROR"),
            ("""{"barber_ids": [1], "cutoff": "NOW"}""", 400, "VALIDATION_ERROR"),
            ("""{"barber_ids": [1], "cutoff": "2999-01-01T00:00:00Z"}""", 400, "VALIDATION_ERROR"),
            ("""{"barber_ids": [1], "cutoff": "2026-01-01T00:00:00"}""", 400, "VALIDATION_ERROR"),
            ("""{"barber_ids": [1], "cutoff": null}""", 400, "VALIDATION_ERROR"),
            ("""{"barber_ids": [1], "cutoff": 0}""", 400, "VALIDATION_ERROR"),
            ("""{"barber_ids": [1, 987654321], "cutoff": "now"}""", 404, "NOT_FOUND"),
            ($$"""{"barber_ids": [1, {{DemoWorld.ShopOwnerId}}], "cutoff": "now"}""", 404, "NOT_FOUND"),
            ($$"""{"barber_ids": [{{DemoWorld.AdminId}}], "cutoff": "now"}""", 404, "NOT_FOUND"),
            ("""{"barber_ids": [2147483648], "cutoff": "now"}""", 400, "VALIDATION_ERROR"),
        ];
        foreach (var (json, status, code) in cases)
            await ApiAssert.Error(await host.SendAsync(HttpMethod.Post, "internal/collections/run", admin, json), status, code);

        // admin:write held by a barber's or an owner's token is not an operator's.
        foreach (var token in new[]
                 {
                     host.Token(1, Roles.Barber, [Permissions.AdminWrite]),
                     host.Token(DemoWorld.ShopOwnerId, Roles.ShopOwner, [Permissions.AdminWrite, Permissions.CollectionRead]),
                     host.Token(DemoWorld.AdminId, Roles.Admin, [Permissions.CollectionRead]),
                 })
        {
            var refused = await host.SendAsync(HttpMethod.Post, "internal/collections/run", token, """{"barber_ids": [1], "cutoff": "now"}""");
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await host.GetAsync("internal/collections/check?barber_id=1", token)).StatusCode);
        }
        Assert.Equal(0, await world.QueuedCountAsync());
    }

    [Fact]
    public async Task CollectionRead_WithoutTheRole_OrWithoutThePermission_Is403()
    {
        var host = azurite.Shared;
        var noPermission = host.Token(1, Roles.Barber, [Permissions.PaymentRead]);
        foreach (var path in new[] { "platform-collections/my-collections", "platform-collections/summary", $"{Collections}/1" })
            Assert.Equal(HttpStatusCode.Forbidden, (await host.GetAsync(path, noPermission)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden,
            (await host.SendAsync(HttpMethod.Post, $"{Collections}/1/retry", noPermission, "{}")).StatusCode);
    }
    [Fact]
    public async Task SavedCard_OfAClientsCustomer_IsNeverChargedForABarbersCommission()
    {
        // A barber who took a client's payment with save_payment_method is told the client's customer and card ids;
        // setting them as their own collection card must not make the platform charge the client for the commission.
        var host = azurite.Shared;
        var client = new Stripe.StripeClient(new Stripe.StripeClientOptions { ApiKey = DevHostApp.SimulatorStripeKey, ApiBase = host.Simulators.BaseUrl });
        var customer = await new Stripe.CustomerService(client).CreateAsync(new Stripe.CustomerCreateOptions
        {
            Description = "BookedBarber client 4242",
            Metadata = new Dictionary<string, string> { ["client_id"] = "4242", ["source"] = "bookedbarber" },
        });
        var card = await new Stripe.PaymentMethodService(client).AttachAsync("pm_card_visa", new Stripe.PaymentMethodAttachOptions { Customer = customer.Id });
        var id = Random.Shared.NextInt64(1_000_000_000, 9_000_000_000);
        var charge = new CollectionCharge(id, 7001, 1, new Amounts.Money(2500, Amounts.Currency.Usd), CommissionCollection.ChargeKey(id, 1),
            $"BookedBarber commission collection {id}");

        var outcome = await host.Services.GetRequiredService<ICollectionChargeGateway>().ChargeSavedCardAsync(charge, customer.Id, card.Id, default);

        Assert.False(outcome.Succeeded);
        Assert.Equal("payment_method_not_owned", outcome.FailureCode);
        Assert.Empty(await host.Services.GetRequiredService<ICollectionChargeGateway>().FindChargesAsync(id, default));

        // Nor with the barber's own customer and the client's card (Stripe's simulator would not notice the mismatch).
        var own = await new Stripe.CustomerService(client).CreateAsync(new Stripe.CustomerCreateOptions { Name = "Barber 7001 collection card" });
        var second = charge with { CollectionId = id + 1, IdempotencyKey = CommissionCollection.ChargeKey(id + 1, 1) };
        var mixed = await host.Services.GetRequiredService<ICollectionChargeGateway>().ChargeSavedCardAsync(second, own.Id, card.Id, default);
        Assert.Equal((false, "payment_method_not_owned"), (mixed.Succeeded, mixed.FailureCode));
        Assert.Empty(await host.Services.GetRequiredService<ICollectionChargeGateway>().FindChargesAsync(id + 1, default));
        Assert.DoesNotContain(host.Simulators.Stripe.Charges, c => c.Metadata.TryGetValue("collection_id", out var col) && (col == $"{id}" || col == $"{id + 1}"));
    }
    [Fact]
    public async Task PaymentsRacingTheDueDate_OfANettingCollection_NeverTakeTheCommissionTwice()
    {
        await using var host = await ApiHost.StartAsync(azurite);
        await ApiAssert.Json(await host.SendAsync(HttpMethod.Put, "hybrid-payments/config", host.BarberToken(2), """{"collection_method":"netting"}"""), 200);
        var now = DateTimeOffset.UtcNow;
        var id = Random.Shared.NextInt64(5_000_000_000, 6_000_000_000);
        var owed = new CommissionCollection(id, 2, Amounts.Currency.Usd, CollectionStatus.Pending, CollectionMethods.Netting,
            now.AddDays(-1), now.AddSeconds(-1), now.AddDays(-1), 20.0m, 6000, 0, [], []);
        var store = host.Services.GetRequiredService<CollectionStore>();
        await store.ClaimIdAsync(owed.Id, 2, owed.RowKey, default);
        await store.SubmitAsync([new Azure.Data.Tables.TableTransactionAction(Azure.Data.Tables.TableTransactionActionType.Add, CollectionRows.ToEntity(owed))], default);
        var appointments = new List<int>();
        for (var i = 0; i < 6; i++) appointments.Add(await host.NewAppointmentAsync(2));
        var charger = host.Services.GetRequiredService<CollectionCharger>();

        // Payments and the due-date charge run at once; the charger is asked again until it has settled the collection.
        var paying = Task.WhenAll(appointments.Select(async a => await ApiAssert.Json(await host.ProcessAsync(2, Payments.Body(a, "tok_visa")), 200)));
        var charging = Task.Run(async () =>
        {
            for (var i = 0; i < 200; i++)
            {
                await charger.ActAsync(2, false, CancellationToken.None);
                if ((await store.GetAsync(2, owed.RowKey, default))!.Status == CollectionStatus.Collected) return;
                await Task.Delay(20);
            }
        });
        var bodies = await paying;
        await charging;
        await charger.ActAsync(2, false, CancellationToken.None);

        var stored = (await store.GetAsync(2, owed.RowKey, default))!;
        Assert.Equal((CollectionStatus.Collected, 0L), (stored.Status, stored.ReservedMinor));
        var netted = bodies.Sum(b => (long)(b.GetProperty("netted_commission").GetDecimal() * 100));
        Assert.Equal(stored.NettedMinor, netted);
        var charges = host.Simulators.Stripe.Charges.Where(c => c.Metadata.TryGetValue("collection_id", out var col) && col == $"{id}" && c.Status == "succeeded").ToList();
        if (stored.Remaining.Minor > 0)
        {
            var charge = Assert.Single(charges);
            Assert.Equal(stored.Remaining.Minor, charge.Amount);
        }
        else Assert.Empty(charges);
        // What netting took and what was charged make the collection's amount, never more.
        Assert.Equal(6000L, stored.NettedMinor + charges.Sum(c => c.Amount));
        // (The arranged collection has no item rows, so only the processor rule is asked of the checker.)
        Assert.DoesNotContain((await host.Services.GetRequiredService<CollectionInvariantChecker>().CheckAsync([2], default)).Violations,
            v => v.Rule == "collected_once_at_processor" && v.CollectionId == id);
    }
    [Fact]
    public async Task PaymentConfig_CollectionFieldGames_Are400_AndLeaveTheConfigAsItWas()
    {
        await using var host = await ApiHost.StartAsync(azurite);
        var token = host.BarberToken(1);
        await ApiAssert.Json(await host.SendAsync(HttpMethod.Put, "hybrid-payments/config", token,
            """{"collection_method":"card_on_file","collection_customer_id":"cus_Barber1","collection_payment_method_id":"pm_Barber1"}"""), 200);
        var before = (await ApiAssert.Json(await host.GetAsync("hybrid-payments/config", token), 200)).GetRawText();

        (string Json, string Field)[] cases =
        [
            ("""{"collection_payment_method_id":null}""", "collection_payment_method_id"),
            ("""{"collection_customer_id":null}""", "collection_customer_id"),
            ("""{"collection_method":"netting","collection_fallback_method":"netting"}""", "collection_fallback_method"),
            ("""{"collection_method":"Netting"}""", "collection_method"),
            ("""{"collection_method":" card_on_file"}""", "collection_method"),
            ("""{"collection_method":7}""", "collection_method"),
            ("""{"collection_customer_id":"cus_abc\n"}""", "collection_customer_id"),
            ("""{"collection_payment_method_id":"pm_abc\n"}""", "collection_payment_method_id"),
            ("""{"collection_customer_id":"cus_abc/../../v1/charges"}""", "collection_customer_id"),
            ("""{"collection_customer_id":"acct_abc"}""", "collection_customer_id"),
            ("""{"collection_payment_method_id":"pm_"}""", "collection_payment_method_id"),
        ];
        foreach (var (json, field) in cases)
        {
            var error = await ApiAssert.Error(await host.SendAsync(HttpMethod.Put, "hybrid-payments/config", token, json), 400, "VALIDATION_ERROR");
            Assert.True(field == error.GetProperty("details").GetProperty("field").GetString(), $"{json}: {error}");
        }
        // A shop owner of another shop cannot point the barber's collections at a card.
        var stranger = host.Token(DemoWorld.SecondShopOwnerId, Roles.ShopOwner);
        Assert.Equal(HttpStatusCode.NotFound, (await host.SendAsync(HttpMethod.Put, "hybrid-payments/config/1", stranger,
            """{"collection_customer_id":"cus_Mine","collection_payment_method_id":"pm_Mine"}""")).StatusCode);
        Assert.Equal(before, (await ApiAssert.Json(await host.GetAsync("hybrid-payments/config", token), 200)).GetRawText());
    }
    [Theory]
    [InlineData(CollectionStatus.Pending, 409)]
    [InlineData(CollectionStatus.Processing, 409)]
    [InlineData(CollectionStatus.Collected, 409)]
    [InlineData(CollectionStatus.Building, 404)]
    public async Task Retry_OfACollectionThatIsNotFailed_IsRefused_AndChangesNothing(string status, int expected)
    {
        await using var world = await ChargerWorld.StartAsync(azurite);
        var barber = await world.BarberAsync();
        var c = await world.CollectionAsync(barber, status, dueDate: world.Clock.GetUtcNow().AddDays(1),
            tweak: x => x with { ProcessingSince = status == CollectionStatus.Processing ? world.Clock.GetUtcNow() : null });
        var before = await world.RawAsync(c);

        var response = await world.Host.SendAsync(HttpMethod.Post, $"{Collections}/{c.Id}/retry", world.Host.BarberToken(barber),
            """{"collection_method":"stripe_connect","retry_reason":"why not"}""");

        var error = await ApiAssert.Error(response, expected, expected == 404 ? "NOT_FOUND" : "CONFLICT");
        if (expected == 409) Assert.Equal(status, error.GetProperty("details").GetProperty("status").GetString());
        if (status == CollectionStatus.Building)
            await ApiAssert.Error(await world.Host.GetAsync($"{Collections}/{c.Id}", world.Host.BarberToken(barber)), 404, "NOT_FOUND");
        Assert.Equal(before, await world.RawAsync(c));
        Assert.Empty(world.Gateway.Calls);
        Assert.Equal(0, await world.QueuedCountAsync());
    }

    [Fact]
    public async Task RetryStorm_AgainstTheStripeSimulator_DebitsTheConnectAccountOnce()
    {
        await using var host = await ApiHost.StartAsync(azurite);
        var now = DateTimeOffset.UtcNow;
        var id = Random.Shared.NextInt64(1_500_000_000, 2_000_000_000);
        var failed = new CommissionCollection(id, 2, Amounts.Currency.Usd, CollectionStatus.Failed, CollectionMethods.StripeConnect,
            now.AddDays(-3), now.AddDays(-2), now.AddDays(-3), 20.0m, 4200, 0, [], [], RetryAttempt: 1, AutomaticRetries: 1,
            FailedAt: now.AddHours(-1), FailureCode: "balance_insufficient", NextRetryAt: now.AddDays(3));
        var store = host.Services.GetRequiredService<CollectionStore>();
        await store.ClaimIdAsync(failed.Id, 2, failed.RowKey, default);
        await store.SubmitAsync([new Azure.Data.Tables.TableTransactionAction(Azure.Data.Tables.TableTransactionActionType.Add, CollectionRows.ToEntity(failed))], default);
        var charger = host.Services.GetRequiredService<CollectionCharger>();
        var tokens = new[] { host.BarberToken(2), host.Token(DemoWorld.ShopOwnerId, Roles.ShopOwner), host.AdminToken(), host.Token(DemoWorld.EnterpriseOwnerId, Roles.EnterpriseOwner) };

        var retries = Enumerable.Range(0, 40).Select(i =>
            host.SendAsync(HttpMethod.Post, $"{Collections}/{id}/retry", tokens[i % tokens.Length], """{"retry_reason":"storm"}"""));
        var acting = Enumerable.Range(0, 6).Select(_ => Task.Run(() => charger.ActAsync(2, false, CancellationToken.None)));
        var responses = await Task.WhenAll(retries);
        await Task.WhenAll(acting);
        for (var i = 0; i < 5 && (await store.GetAsync(2, failed.RowKey, default))!.Status != CollectionStatus.Collected; i++)
            await charger.ActAsync(2, false, CancellationToken.None);

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.OK), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        var stored = (await store.GetAsync(2, failed.RowKey, default))!;
        Assert.Equal((CollectionStatus.Collected, 2, 1), (stored.Status, stored.RetryAttempt, stored.AutomaticRetries));
        var debit = Assert.Single(host.Simulators.Stripe.Charges, c => c.Metadata.TryGetValue("collection_id", out var col) && col == $"{id}");
        Assert.Equal((4200L, "succeeded", "acct_demo_barber_2"), (debit.Amount, debit.Status, debit.SourceAccount));
    }
}
