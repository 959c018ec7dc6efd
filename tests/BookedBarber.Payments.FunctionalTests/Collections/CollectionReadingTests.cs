using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;
using BookedBarber.DevHost;
using BookedBarber.Payments.Amounts;
using BookedBarber.Payments.Collections;
using BookedBarber.Payments.ExternalTransactions;
using BookedBarber.Payments.Security;
using Microsoft.Extensions.DependencyInjection;

namespace BookedBarber.Payments.FunctionalTests;

/// <summary>
/// GET /platform-collections/my-collections, /collections/{id}, /summary and a transaction's commission_collection:
/// barber 2's collections in every state written as the builder writes them (collection, claim and credit rows of the
/// ledger partition, the id lookup), with the external transactions they cover stored through the real store.
/// </summary>
/// <remarks>
/// Barber 2 (rate 20%), times relative to now (T):
/// sq-1 50.00 at T−40d, refunded 25.00 → C101 collected (10.00), later credited 5.00 on C105;
/// sq-2 75.00 at T−20d → C102 collected by card (15.00, fee 0.74); sq-3 60.00 with a 10.00 tip at T−10d → C103 failed (10.00);
/// sq-4 100.00 at T−5d refunded 50.00 → open (owes 10.00); sq-5 40.00 at T−3d unmatched → bears nothing;
/// sq-7 150.00 at T−4d → C105 pending past its due date, so due (30.00 − credit 5.00 = 25.00; 4.00 netted);
/// sq-6 30.00 at T−2d → C104 pending (6.00); C106 is being built (never shown).
/// </remarks>
[Collection(AzuriteCollection.Name)]
public sealed class CollectionReadingTests(AzuriteFixture azurite)
{
    private static readonly string[] ListFields =
    [
        "id", "amount", "collection_type", "status", "external_transaction_ids", "commission_rate", "due_date", "collection_method", "collected_at",
        "created_at", "currency", "failed_reason", "retry_attempt", "next_retry_at", "netted_amount", "credit_amount",
    ];

    private static readonly string[] DetailFields =
    [
        "id", "barber_id", "amount", "collection_type", "status", "external_transaction_ids", "commission_rate", "due_date", "collection_method",
        "stripe_invoice_id", "payment_intent_id", "collected_at", "created_at", "related_transactions", "collection_breakdown",
        "currency", "failed_reason", "retry_attempt", "next_retry_at", "netted_amount", "credit_amount", "charge_id", "credits", "needs_operator",
    ];

    private static Money Usd(decimal major) => Money.TryFromMajor(major, Currency.Usd, out var m) ? m : throw new ArgumentException("amount");

    private sealed record World(DateTimeOffset Now, IReadOnlyDictionary<string, ExternalTransaction> Transactions);

    private static ExternalTransaction Tx(string externalId, decimal amount, DateTimeOffset at, bool matched = true, decimal? refunded = null, decimal? tip = null) =>
        new(0, 2, 7, "square", externalId, Usd(amount), refunded is null ? ExternalTransactionStatus.Completed : ExternalTransactionStatus.Refunded, at,
            RefundedAmount: refunded is { } r ? Usd(r) : null, TipAmount: tip is { } t ? Usd(t) : null,
            AppointmentId: matched ? 21 : null, ReconciliationStatus: matched ? ReconciliationStatus.Matched : ReconciliationStatus.Unmatched,
            ReconciledAt: matched ? at : null);

    private static CommissionItem Item(ExternalTransaction t, long collectionId, long commissionMinor, long creditedMinor = 0) =>
        new(2, t.Id, t.ExternalTransactionId, collectionId, Currency.Usd, t.Amount.Minor, t.TipAmount?.Minor ?? 0, 0.20m, commissionMinor, 0, creditedMinor,
            t.ProcessedAt, t.ProcessedAt.AddDays(1));

    private static async Task WriteAsync(ApiHost host, CommissionCollection c, params object[] rows)
    {
        var store = host.Services.GetRequiredService<CollectionStore>();
        await store.ClaimIdAsync(c.Id, c.BarberId, c.RowKey, default);
        var actions = new List<TableTransactionAction> { new(TableTransactionActionType.Add, CollectionRows.ToEntity(c)) };
        foreach (var row in rows)
            actions.Add(new(TableTransactionActionType.Add, row switch
            {
                CommissionItem i => CollectionRows.ToEntity(i),
                CommissionCredit k => CollectionRows.ToEntity(k),
                _ => throw new ArgumentException("row"),
            }));
        await store.SubmitAsync(actions, default);
    }

    private static CommissionCollection Collection(long id, string status, DateTimeOffset created, long commissionMinor, params ExternalTransaction[] covered) =>
        new(id, 2, Currency.Usd, status, CollectionMethods.StripeConnect, created, created.AddDays(1), created.AddHours(-6), 20.0m, commissionMinor, 0,
            [.. covered.Select(t => t.Id)], [.. covered.Select(t => t.ExternalTransactionId)], UpdatedAt: created);

    private static async Task<World> SeedAsync(ApiHost host)
    {
        var now = DateTimeOffset.UtcNow;
        var T = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, now.Second, TimeSpan.Zero);
        var stored = (await host.Services.GetRequiredService<ExternalTransactionStore>().UpsertAsync(
        [
            Tx("sq-1", 50.00m, T.AddDays(-40), refunded: 25.00m),
            Tx("sq-2", 75.00m, T.AddDays(-20)),
            Tx("sq-3", 60.00m, T.AddDays(-10), tip: 10.00m),
            Tx("sq-4", 100.00m, T.AddDays(-5), refunded: 50.00m),
            Tx("sq-5", 40.00m, T.AddDays(-3), matched: false),
            Tx("sq-7", 150.00m, T.AddDays(-4)),
            Tx("sq-6", 30.00m, T.AddDays(-2)),
        ], default)).Stored.ToDictionary(t => t.ExternalTransactionId);
        ExternalTransaction S(string id) => stored[id];

        await WriteAsync(host, Collection(101, CollectionStatus.Collected, T.AddDays(-38), 1000, S("sq-1")) with
        {
            ChargeMethod = CollectionMethods.StripeConnect, ChargeId = "py_101", CollectedAt = T.AddDays(-37), RetryAttempt = 1,
        }, Item(S("sq-1"), 101, 1000, creditedMinor: 500));
        await WriteAsync(host, Collection(102, CollectionStatus.Collected, T.AddDays(-18), 1500, S("sq-2")) with
        {
            Method = CollectionMethods.CardOnFile, ChargeMethod = CollectionMethods.CardOnFile, ProcessingFeeMinor = 74, ChargeId = "ch_102",
            PaymentIntentId = "pi_102", CollectedAt = T.AddDays(-17), RetryAttempt = 1,
        }, Item(S("sq-2"), 102, 1500));
        await WriteAsync(host, Collection(103, CollectionStatus.Failed, T.AddDays(-8), 1000, S("sq-3")) with
        {
            RetryAttempt = 2, AutomaticRetries = 1, NextRetryAt = T.AddDays(1), FailureCode = "insufficient_funds",
            FailedReason = "Your card has insufficient funds.", FailedAt = T.AddDays(-2),
        }, Item(S("sq-3"), 103, 1000));
        await WriteAsync(host, Collection(105, CollectionStatus.Pending, T.AddDays(-3), 3000, S("sq-7")) with
        {
            Method = CollectionMethods.Netting, CreditMinor = 500, NettedMinor = 400,
        }, Item(S("sq-7"), 105, 3000), new CommissionCredit(2, 105, S("sq-1").Id, "sq-1", 101, Currency.Usd, 500, 2500, false, T.AddDays(-3)));
        await WriteAsync(host, Collection(104, CollectionStatus.Pending, T.AddHours(-1), 600, S("sq-6")), Item(S("sq-6"), 104, 600));
        await WriteAsync(host, Collection(106, CollectionStatus.Building, T.AddMinutes(-30), 0));
        return new World(T, stored);
    }

    private static Task<HttpResponseMessage> List(ApiHost host, string query = "", string? token = null) =>
        host.GetAsync($"platform-collections/my-collections{query}", token ?? host.BarberToken(2));

    private static long[] Ids(JsonElement body) => [.. body.GetProperty("collections").EnumerateArray().Select(c => c.GetProperty("id").GetInt64())];

    private static string At(DateTimeOffset t) => Uri.EscapeDataString(t.ToString("O", CultureInfo.InvariantCulture));

    [Fact]
    public async Task MyCollections_AreNewestFirst_ShowTheStatusNow_NeverABuildingOne_AndSumTheWholeFilteredSet()
    {
        await using var host = await ApiHost.StartAsync(azurite);
        var world = await SeedAsync(host);
        var T = world.Now;

        var all = await ApiAssert.Json(await List(host), 200);
        Assert.Equal(new long[] { 104L, 105, 103, 102, 101 }, Ids(all));
        Assert.Equal("""{"total_collections":5,"total_amount":66.00,"pending_amount":31.00,"collected_amount":25.00,"failed_amount":10.00}""",
            all.GetProperty("summary").GetRawText());
        Assert.Equal("""{"limit":50,"offset":0,"has_more":false}""", all.GetProperty("pagination").GetRawText());
        foreach (var item in all.GetProperty("collections").EnumerateArray())
            Assert.Equal(ListFields, item.EnumerateObject().Select(p => p.Name));

        // The pending collection whose due date passed reads as due; netting and the credit show beside the amount.
        var due = all.GetProperty("collections")[1];
        Assert.Equal(
            """{"id":105,"amount":25.00,"collection_type":"commission","status":"due","external_transaction_ids":["sq-7"],"commission_rate":20.0,"""
            + $"\"due_date\":\"{T.AddDays(-2):yyyy-MM-dd'T'HH:mm:ss}Z\",\"collection_method\":\"netting\",\"collected_at\":null,\"created_at\":\"{T.AddDays(-3):yyyy-MM-dd'T'HH:mm:ss}Z\","
            + "\"currency\":\"USD\",\"failed_reason\":null,\"retry_attempt\":0,\"next_retry_at\":null,\"netted_amount\":4.00,\"credit_amount\":5.00}",
            due.GetRawText());
        var failed = all.GetProperty("collections")[2];
        Assert.Equal(("failed", "Your card has insufficient funds.", 2, T.AddDays(1)), (failed.GetProperty("status").GetString(),
            failed.GetProperty("failed_reason").GetString(), failed.GetProperty("retry_attempt").GetInt32(), failed.GetProperty("next_retry_at").GetDateTimeOffset()));
        var collected = all.GetProperty("collections")[3];
        Assert.Equal(("collected", "card_on_file", T.AddDays(-17), "15.00"), (collected.GetProperty("status").GetString(),
            collected.GetProperty("collection_method").GetString(), collected.GetProperty("collected_at").GetDateTimeOffset(), collected.GetProperty("amount").GetRawText()));

        var byStatus = await ApiAssert.Json(await List(host, "?status=due"), 200);
        Assert.Equal(new long[] { 105L }, Ids(byStatus));
        Assert.Equal(new long[] { 104L }, Ids(await ApiAssert.Json(await List(host, "?status=pending"), 200)));
        var collectedOnly = await ApiAssert.Json(await List(host, "?status=collected"), 200);
        Assert.Equal(new long[] { 102L, 101 }, Ids(collectedOnly));
        Assert.Equal("""{"total_collections":2,"total_amount":25.00,"pending_amount":0.00,"collected_amount":25.00,"failed_amount":0.00}""",
            collectedOnly.GetProperty("summary").GetRawText());
        Assert.Empty(Ids(await ApiAssert.Json(await List(host, "?status=processing"), 200)));

        Assert.Equal(new long[] { 104L, 105, 103 }, Ids(await ApiAssert.Json(await List(host, $"?since={At(T.AddDays(-10))}"), 200)));
        Assert.Equal(new long[] { 103L, 102, 101 }, Ids(await ApiAssert.Json(await List(host, $"?until={At(T.AddDays(-5))}"), 200)));
        // since and until are inclusive on created_at.
        Assert.Equal(new long[] { 103L, 102 }, Ids(await ApiAssert.Json(await List(host, $"?since={At(T.AddDays(-18))}&until={At(T.AddDays(-8))}"), 200)));

        var page = await ApiAssert.Json(await List(host, "?limit=2&offset=1"), 200);
        Assert.Equal(new long[] { 105L, 103 }, Ids(page));
        Assert.Equal(5, page.GetProperty("summary").GetProperty("total_collections").GetInt32());
        Assert.Equal("""{"limit":2,"offset":1,"has_more":true}""", page.GetProperty("pagination").GetRawText());
        Assert.False((await ApiAssert.Json(await List(host, "?limit=2&offset=3"), 200)).GetProperty("pagination").GetProperty("has_more").GetBoolean());
        Assert.Empty(Ids(await ApiAssert.Json(await List(host, "?offset=10"), 200)));

        // A change through the store (the charger's) shows on the next call: the kept list is read again.
        await host.Services.GetRequiredService<CollectionStore>().UpdateAsync(2, CollectionRows.RowKey(T.AddDays(-8), 103),
            c => c! with { Status = CollectionStatus.Processing, RetryAttempt = 3 }, default);
        var after = await ApiAssert.Json(await List(host, "?status=processing"), 200);
        Assert.Equal(new long[] { 103 }, Ids(after));
        Assert.Equal(3, after.GetProperty("collections")[0].GetProperty("retry_attempt").GetInt32());
        Assert.Equal("""{"total_collections":5,"total_amount":66.00,"pending_amount":41.00,"collected_amount":25.00,"failed_amount":0.00}""",
            (await ApiAssert.Json(await List(host), 200)).GetProperty("summary").GetRawText());

        // A barber without collections: an empty page and zeros, every field present.
        var none = await ApiAssert.Json(await List(host, token: host.BarberToken(3)), 200);
        Assert.Equal(
            """{"collections":[],"summary":{"total_collections":0,"total_amount":0.00,"pending_amount":0.00,"collected_amount":0.00,"failed_amount":0.00},"pagination":{"limit":50,"offset":0,"has_more":false}}""",
            none.GetRawText());
    }

    [Fact]
    public async Task CollectionDetail_ShowsItsTransactions_Breakdown_Credits_AndTheChargeAtStripe()
    {
        await using var host = await ApiHost.StartAsync(azurite);
        var world = await SeedAsync(host);
        var T = world.Now;

        var netted = await ApiAssert.Json(await host.GetAsync("platform-collections/collections/105", host.BarberToken(2)), 200);
        Assert.Equal(DetailFields, netted.EnumerateObject().Select(p => p.Name));
        Assert.Equal((105, 2, "25.00", "commission", "due", "netting"), (netted.GetProperty("id").GetInt32(), netted.GetProperty("barber_id").GetInt32(),
            netted.GetProperty("amount").GetRawText(), netted.GetProperty("collection_type").GetString(), netted.GetProperty("status").GetString(),
            netted.GetProperty("collection_method").GetString()));
        Assert.Equal($"[{{\"external_transaction_id\":\"sq-7\",\"amount\":150.00,\"processed_at\":\"{T.AddDays(-4):yyyy-MM-dd'T'HH:mm:ss}Z\"}}]",
            netted.GetProperty("related_transactions").GetRawText());
        Assert.Equal("""{"subtotal":25.00,"processing_fee":0.00,"total_charged":25.00}""", netted.GetProperty("collection_breakdown").GetRawText());
        Assert.Equal("""[{"external_transaction_id":"sq-1","amount":5.00,"from_collection_id":101}]""", netted.GetProperty("credits").GetRawText());
        Assert.Equal(("4.00", "5.00", "20.0"), (netted.GetProperty("netted_amount").GetRawText(), netted.GetProperty("credit_amount").GetRawText(),
            netted.GetProperty("commission_rate").GetRawText()));
        foreach (var field in new[] { "stripe_invoice_id", "payment_intent_id", "charge_id", "collected_at", "failed_reason", "next_retry_at" })
            Assert.Equal(JsonValueKind.Null, netted.GetProperty(field).ValueKind);
        Assert.False(netted.GetProperty("needs_operator").GetBoolean());

        // Card on file: the PaymentIntent, and the card fee on top of the subtotal.
        var card = await ApiAssert.Json(await host.GetAsync("platform-collections/collections/102", host.BarberToken(2)), 200);
        Assert.Equal(("pi_102", "ch_102", JsonValueKind.Null), (card.GetProperty("payment_intent_id").GetString(), card.GetProperty("charge_id").GetString(),
            card.GetProperty("stripe_invoice_id").ValueKind));
        Assert.Equal("""{"subtotal":15.00,"processing_fee":0.74,"total_charged":15.74}""", card.GetProperty("collection_breakdown").GetRawText());
        Assert.Equal(T.AddDays(-17), card.GetProperty("collected_at").GetDateTimeOffset());
        Assert.Equal("[]", card.GetProperty("credits").GetRawText());

        // An account debit has only a charge id: it is what the barber finds at Stripe.
        var debit = await ApiAssert.Json(await host.GetAsync("platform-collections/collections/101", host.BarberToken(2)), 200);
        Assert.Equal(("py_101", "py_101"), (debit.GetProperty("payment_intent_id").GetString(), debit.GetProperty("charge_id").GetString()));

        var failed = await ApiAssert.Json(await host.GetAsync("platform-collections/collections/103", host.BarberToken(2)), 200);
        Assert.Equal(("failed", "Your card has insufficient funds.", 2), (failed.GetProperty("status").GetString(), failed.GetProperty("failed_reason").GetString(),
            failed.GetProperty("retry_attempt").GetInt32()));
        Assert.Equal($"[{{\"external_transaction_id\":\"sq-3\",\"amount\":60.00,\"processed_at\":\"{T.AddDays(-10):yyyy-MM-dd'T'HH:mm:ss}Z\"}}]",
            failed.GetProperty("related_transactions").GetRawText());

        // A collection being built is not a statement yet; an unknown id is not there either.
        await ApiAssert.Error(await host.GetAsync("platform-collections/collections/106", host.BarberToken(2)), 404, "NOT_FOUND");
        await ApiAssert.Error(await host.GetAsync("platform-collections/collections/99999", host.AdminToken()), 404, "NOT_FOUND");
    }

    [Fact]
    public async Task Owners_AndAdmin_ReadTheirBarbersCollections_OthersAre404()
    {
        await using var host = await ApiHost.StartAsync(azurite);
        await SeedAsync(host);

        foreach (var token in new[] { host.Token(DemoWorld.ShopOwnerId, Roles.ShopOwner), host.Token(DemoWorld.EnterpriseOwnerId, Roles.EnterpriseOwner), host.AdminToken() })
        {
            Assert.Equal(5, (await ApiAssert.Json(await List(host, "?barber_id=2", token), 200)).GetProperty("summary").GetProperty("total_collections").GetInt32());
            Assert.Equal(102, (await ApiAssert.Json(await host.GetAsync("platform-collections/collections/102", token), 200)).GetProperty("id").GetInt32());
            Assert.Equal("30_days", (await ApiAssert.Json(await host.GetAsync("platform-collections/summary?barber_id=2", token), 200)).GetProperty("period").GetString());
        }

        var otherOwner = host.Token(DemoWorld.SecondShopOwnerId, Roles.ShopOwner);
        foreach (var token in new[] { otherOwner, host.BarberToken(1) })
        {
            await ApiAssert.Error(await List(host, "?barber_id=2", token), 404, "NOT_FOUND");
            await ApiAssert.Error(await host.GetAsync("platform-collections/collections/102", token), 404, "NOT_FOUND");
            await ApiAssert.Error(await host.GetAsync("platform-collections/summary?barber_id=2", token), 404, "NOT_FOUND");
        }
        // Barber 1 reading their own list sees none of barber 2's.
        Assert.Empty(Ids(await ApiAssert.Json(await List(host, token: host.BarberToken(1)), 200)));
        await ApiAssert.Error(await List(host, "?barber_id=4242", host.AdminToken()), 404, "NOT_FOUND");
        Assert.Equal("barber_id", (await ApiAssert.Error(await List(host, "", host.AdminToken()), 400, "VALIDATION_ERROR")).GetProperty("details").GetProperty("field").GetString());
        await ApiAssert.Error(await host.GetAsync("platform-collections/summary"), 401, "UNAUTHORIZED");
    }

    [Fact]
    public async Task TheSummary_CountsCollectionsMadeInThePeriod_AndTheCommissionOfItsTransactions_AgainstThePreviousPeriod()
    {
        await using var host = await ApiHost.StartAsync(azurite);
        await SeedAsync(host);

        // 30 days: C104, C105, C103, C102; transactions sq-2 (15.00), sq-3 (10.00), sq-4 (10.00 after its refund), sq-7 (30.00), sq-6 (6.00):
        // 365.00 net volume, 71.00 due, 15.00 collected (sq-2's collection). The previous 30 days: C101 and sq-1 (5.00 due, collected).
        var month = await ApiAssert.Json(await host.GetAsync("platform-collections/summary", host.BarberToken(2)), 200);
        Assert.Equal("30_days", month.GetProperty("period").GetString());
        var range = month.GetProperty("date_range");
        Assert.Equal(TimeSpan.FromDays(30), range.GetProperty("end").GetDateTimeOffset() - range.GetProperty("start").GetDateTimeOffset());
        Assert.True(DateTimeOffset.UtcNow - range.GetProperty("end").GetDateTimeOffset() < TimeSpan.FromMinutes(1));
        Assert.Equal(
            """{"total_collections":4,"total_amount":56.00,"pending_amount":31.00,"collected_amount":15.00,"failed_amount":10.00,"average_collection_amount":14.00}""",
            month.GetProperty("collection_summary").GetRawText());
        Assert.Equal("""{"commission_rate":20.0,"total_revenue_tracked":365.00,"commission_due":71.00,"commission_collected":15.00,"collection_rate":21.1}""",
            month.GetProperty("commission_breakdown").GetRawText());
        // 4 vs 1 collections, 56.00 vs 10.00, 21.1% vs 100.0% collected.
        Assert.Equal("""{"collections_vs_previous_period":300.0,"amount_vs_previous_period":460.0,"collection_rate_vs_previous_period":-78.9}""",
            month.GetProperty("trends").GetRawText());

        // 7 days: C104 and C105; sq-4, sq-7, sq-6 (46.00 due, none collected). The week before: C103 and sq-3 (10.00 due, none collected).
        var week = await ApiAssert.Json(await host.GetAsync("platform-collections/summary?period=7_days", host.BarberToken(2)), 200);
        Assert.Equal(
            """{"total_collections":2,"total_amount":31.00,"pending_amount":31.00,"collected_amount":0.00,"failed_amount":0.00,"average_collection_amount":15.50}""",
            week.GetProperty("collection_summary").GetRawText());
        Assert.Equal("""{"commission_rate":20.0,"total_revenue_tracked":230.00,"commission_due":46.00,"commission_collected":0.00,"collection_rate":0.0}""",
            week.GetProperty("commission_breakdown").GetRawText());
        Assert.Equal("""{"collections_vs_previous_period":100.0,"amount_vs_previous_period":210.0,"collection_rate_vs_previous_period":null}""",
            week.GetProperty("trends").GetRawText());

        var year = await ApiAssert.Json(await host.GetAsync("platform-collections/summary?period=1_year", host.BarberToken(2)), 200);
        Assert.Equal(5, year.GetProperty("collection_summary").GetProperty("total_collections").GetInt32());
        Assert.Equal("""{"commission_rate":20.0,"total_revenue_tracked":390.00,"commission_due":76.00,"commission_collected":20.00,"collection_rate":26.3}""",
            year.GetProperty("commission_breakdown").GetRawText());
        Assert.Equal("""{"collections_vs_previous_period":null,"amount_vs_previous_period":null,"collection_rate_vs_previous_period":null}""",
            year.GetProperty("trends").GetRawText());

        // Nothing at all: zeros, and no average, rate or trend.
        var empty = await ApiAssert.Json(await host.GetAsync("platform-collections/summary?period=90_days", host.BarberToken(3)), 200);
        Assert.Equal(
            """{"total_collections":0,"total_amount":0.00,"pending_amount":0.00,"collected_amount":0.00,"failed_amount":0.00,"average_collection_amount":null}""",
            empty.GetProperty("collection_summary").GetRawText());
        Assert.Equal("""{"commission_rate":20.0,"total_revenue_tracked":0.00,"commission_due":0.00,"commission_collected":0.00,"collection_rate":null}""",
            empty.GetProperty("commission_breakdown").GetRawText());
    }

    [Fact]
    public async Task ATransactionsDetail_ShowsItsCollection_OrWhatItOwesInTheOpenPool()
    {
        await using var host = await ApiHost.StartAsync(azurite);
        var world = await SeedAsync(host);

        async Task<JsonElement> CommissionOf(string externalId) =>
            (await ApiAssert.Json(await host.GetAsync($"external-payments/transactions/{world.Transactions[externalId].Id}", host.BarberToken(2)), 200))
            .GetProperty("commission_collection");

        Assert.Equal("""{"collection_id":102,"commission_amount":15.00,"collection_status":"collected"}""", (await CommissionOf("sq-2")).GetRawText());
        Assert.Equal("""{"collection_id":103,"commission_amount":10.00,"collection_status":"failed"}""", (await CommissionOf("sq-3")).GetRawText());
        Assert.Equal("""{"collection_id":105,"commission_amount":30.00,"collection_status":"due"}""", (await CommissionOf("sq-7")).GetRawText());
        // Open: 20% of 100.00, less the commission on the 50.00 refunded.
        Assert.Equal("""{"collection_id":null,"commission_amount":10.00,"collection_status":"open"}""", (await CommissionOf("sq-4")).GetRawText());
        // Not matched to a booking: no commission at all.
        Assert.Equal(JsonValueKind.Null, (await CommissionOf("sq-5")).ValueKind);
    }

    [Theory]
    [InlineData("?status=settled", "status")]
    [InlineData("?status=building", "status")]
    [InlineData("?status=DUE", "status")]
    [InlineData("?since=2026-02-05T00:00:00Z&until=2026-02-01T00:00:00Z", "since")]
    [InlineData("?since=yesterday", "since")]
    [InlineData("?limit=0", "limit")]
    [InlineData("?limit=201", "limit")]
    [InlineData("?limit=abc", "limit")]
    [InlineData("?offset=-1", "offset")]
    [InlineData("?barber_id=0", "barber_id")]
    public async Task BadListInput_Is400_NamingTheParameter(string query, string field)
    {
        var error = await ApiAssert.Error(await List(azurite.Shared, query, azurite.Shared.BarberToken(1)), 400, "VALIDATION_ERROR");
        Assert.Equal(field, error.GetProperty("details").GetProperty("field").GetString());
    }

    [Theory]
    [InlineData("?period=2_weeks")]
    [InlineData("?period=30_DAYS")]
    [InlineData("?period=")]
    [InlineData("?period=all_time")]
    public async Task ABadPeriod_Is400(string query)
    {
        var error = await ApiAssert.Error(await azurite.Shared.GetAsync($"platform-collections/summary{query}", azurite.Shared.BarberToken(1)), 400, "VALIDATION_ERROR");
        Assert.Equal("period", error.GetProperty("details").GetProperty("field").GetString());
    }

    [Theory]
    [InlineData("abc", 400, "VALIDATION_ERROR")]
    [InlineData("0", 400, "VALIDATION_ERROR")]
    [InlineData("-1", 400, "VALIDATION_ERROR")]
    [InlineData("99999999999", 400, "VALIDATION_ERROR")]
    [InlineData("2147483647", 404, "NOT_FOUND")]
    public async Task ABadOrUnknownCollectionId_IsRefused(string id, int status, string code) =>
        await ApiAssert.Error(await azurite.Shared.GetAsync($"platform-collections/collections/{id}", azurite.Shared.BarberToken(1)), status, code);
}
