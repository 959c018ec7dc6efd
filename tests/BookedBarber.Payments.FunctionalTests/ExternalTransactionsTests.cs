using BookedBarber.Payments.Connections;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using BookedBarber.DevHost;
using BookedBarber.Payments.Amounts;
using BookedBarber.Payments.ExternalTransactions;
using BookedBarber.Payments.Security;
using Microsoft.Extensions.DependencyInjection;

namespace BookedBarber.Payments.FunctionalTests;

/// <summary>
/// GET /external-payments/transactions and /transactions/{id}, and the reconciler behind reconciliation_status: barbers'
/// transactions stored through the real store (as sync, webhooks and our own payments do), read through the API.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class ExternalTransactionsTests(AzuriteFixture azurite)
{
    private static readonly string[] ListFields =
    [
        "id", "connection_id", "processor_type", "external_transaction_id", "amount", "currency", "status", "barber_id", "appointment_id",
        "client_id", "external_customer_id", "processor_fees", "processed_at", "reconciled_at", "reconciliation_status",
    ];

    private static readonly DateTimeOffset Base = new(2026, 2, 1, 12, 0, 0, TimeSpan.Zero);

    private static Money Usd(decimal major) => Money.TryFromMajor(major, Currency.Usd, out var m) ? m : throw new ArgumentException("amount");

    private static ExternalTransaction Tx(int barberId, string externalId, decimal amount, DateTimeOffset at, string status = ExternalTransactionStatus.Completed,
        int connectionId = 7, decimal? refunded = null, string? reference = null) =>
        new(0, barberId, connectionId, "square", externalId, Usd(amount), status, at, ProcessorFees: Usd(decimal.Round(amount * 0.03m, 2)),
            RefundedAmount: refunded is { } r ? Usd(r) : null, Reference: reference, CardBrand: "VISA", LastFour: "4242", EntryMethod: "CHIP");

    private static async Task<IReadOnlyList<ExternalTransaction>> StoreAsync(ApiHost host, int barberId, params ExternalTransaction[] observed)
    {
        var reconciled = await host.Services.GetRequiredService<TransactionReconciler>().ReconcileAsync(barberId, observed, default);
        return (await host.Services.GetRequiredService<ExternalTransactionStore>().UpsertAsync(reconciled, default)).Stored;
    }

    private static async Task PutAppointment(ApiHost host, int id, int barberId, decimal price, DateTimeOffset start, string service = "Skin Fade")
    {
        var body = new JsonObject
        {
            ["barber_id"] = barberId, ["client_id"] = 150 + barberId, ["service_name"] = service,
            ["start_time"] = start.ToString("O", CultureInfo.InvariantCulture), ["price"] = price, ["currency"] = "USD",
        };
        var response = await host.SendAsync(HttpMethod.Put, $"internal/booking/appointments/{id}", host.AdminToken(), body.ToJsonString());
        Assert.True((int)response.StatusCode is 200 or 201, await response.Content.ReadAsStringAsync());
    }

    private static Task<HttpResponseMessage> List(ApiHost host, string query = "", string? token = null, int barberId = 2) =>
        host.GetAsync($"external-payments/transactions{query}", token ?? host.BarberToken(barberId));

    private static string[] Ids(JsonElement body) =>
        [.. body.GetProperty("transactions").EnumerateArray().Select(t => t.GetProperty("external_transaction_id").GetString()!)];

    /// <summary>Barber 2's seven transactions over seven days (newest: g), two connections, every status, one partly refunded.</summary>
    private static Task<IReadOnlyList<ExternalTransaction>> SeedBarber2(ApiHost host) => StoreAsync(host, 2,
        Tx(2, "sq-a", 35.00m, Base.AddDays(0)),
        Tx(2, "sq-b", 45.00m, Base.AddDays(1), ExternalTransactionStatus.Failed),
        Tx(2, "sq-c", 60.00m, Base.AddDays(2), ExternalTransactionStatus.Refunded, refunded: 20.00m),
        Tx(2, "sq-d", 25.00m, Base.AddDays(3), ExternalTransactionStatus.Pending),
        Tx(2, "sq-e", 75.00m, Base.AddDays(4), connectionId: 8),
        Tx(2, "sq-f", 40.00m, Base.AddDays(5)),
        Tx(2, "sq-g", 20.00m, Base.AddDays(6), connectionId: 8));

    [Fact]
    public async Task TheList_IsNewestFirst_WithTotalsOverTheWholeFilteredSet_AndPages()
    {
        await using var host = await ApiHost.StartAsync(azurite);
        await SeedBarber2(host);

        var all = await ApiAssert.Json(await List(host), 200);
        Assert.Equal(["sq-g", "sq-f", "sq-e", "sq-d", "sq-c", "sq-b", "sq-a"], Ids(all));
        // Net volume: completed 35 + 75 + 40 + 20, refunded 60 − 20; pending and failed add nothing.
        Assert.Equal((7, "210.00"), (all.GetProperty("total_transactions").GetInt32(), all.GetProperty("total_amount").GetRawText()));
        Assert.Equal("""{"limit":50,"offset":0,"has_more":false}""", all.GetProperty("pagination").GetRawText());
        foreach (var item in all.GetProperty("transactions").EnumerateArray())
            Assert.Equal(ListFields, item.EnumerateObject().Select(p => p.Name));
        var first = all.GetProperty("transactions")[0];
        Assert.Equal(("square", 8, 2, "20.00", "USD", "completed"), (first.GetProperty("processor_type").GetString(), first.GetProperty("connection_id").GetInt32(),
            first.GetProperty("barber_id").GetInt32(), first.GetProperty("amount").GetRawText(), first.GetProperty("currency").GetString(), first.GetProperty("status").GetString()));
        Assert.Equal(Base.AddDays(6), first.GetProperty("processed_at").GetDateTimeOffset());
        Assert.Equal(JsonValueKind.Null, first.GetProperty("appointment_id").ValueKind);
        Assert.Equal("unmatched", first.GetProperty("reconciliation_status").GetString());

        var page = await ApiAssert.Json(await List(host, "?limit=2&offset=2"), 200);
        Assert.Equal(["sq-e", "sq-d"], Ids(page));
        Assert.Equal((7, "210.00"), (page.GetProperty("total_transactions").GetInt32(), page.GetProperty("total_amount").GetRawText()));
        Assert.Equal("""{"limit":2,"offset":2,"has_more":true}""", page.GetProperty("pagination").GetRawText());
        var last = await ApiAssert.Json(await List(host, "?limit=2&offset=6"), 200);
        Assert.Equal(["sq-a"], Ids(last));
        Assert.False(last.GetProperty("pagination").GetProperty("has_more").GetBoolean());
        var beyond = await ApiAssert.Json(await List(host, "?offset=50"), 200);
        Assert.Equal((0, 7), (beyond.GetProperty("transactions").GetArrayLength(), beyond.GetProperty("total_transactions").GetInt32()));

        var byConnection = await ApiAssert.Json(await List(host, "?connection_id=8"), 200);
        Assert.Equal(["sq-g", "sq-e"], Ids(byConnection));
        Assert.Equal("95.00", byConnection.GetProperty("total_amount").GetRawText());
        var refunded = await ApiAssert.Json(await List(host, "?status=refunded"), 200);
        Assert.Equal(["sq-c"], Ids(refunded));
        Assert.Equal("40.00", refunded.GetProperty("total_amount").GetRawText());
        var failed = await ApiAssert.Json(await List(host, "?status=failed"), 200);
        Assert.Equal(["sq-b"], Ids(failed));
        Assert.Equal((1, "0.00"), (failed.GetProperty("total_transactions").GetInt32(), failed.GetProperty("total_amount").GetRawText()));
        var since = Uri.EscapeDataString(Base.AddDays(2).ToString("O", CultureInfo.InvariantCulture));
        var until = Uri.EscapeDataString(Base.AddDays(4).ToString("O", CultureInfo.InvariantCulture));
        var window = await ApiAssert.Json(await List(host, $"?since={since}&until={until}"), 200);
        Assert.Equal(["sq-e", "sq-d", "sq-c"], Ids(window));
        Assert.Equal("115.00", window.GetProperty("total_amount").GetRawText());
        var combined = await ApiAssert.Json(await List(host, $"?since={since}&status=completed&connection_id=8"), 200);
        Assert.Equal(["sq-g", "sq-e"], Ids(combined));

        // A barber with no transactions: an empty page and zeros, every field present.
        var none = await ApiAssert.Json(await List(host, barberId: 3), 200);
        Assert.Equal("""{"transactions":[],"total_transactions":0,"total_amount":0.00,"pagination":{"limit":50,"offset":0,"has_more":false}}""", none.GetRawText());
    }

    [Fact]
    public async Task TheList_SeesEveryWrite_AtOnce()
    {
        await using var host = await ApiHost.StartAsync(azurite);
        await SeedBarber2(host);
        Assert.Equal(7, (await ApiAssert.Json(await List(host), 200)).GetProperty("total_transactions").GetInt32());

        // A new payment and a refund of an old one (status forward, refunded amount grows) show on the next call.
        await StoreAsync(host, 2, Tx(2, "sq-h", 50.00m, Base.AddDays(7)), Tx(2, "sq-a", 35.00m, Base, ExternalTransactionStatus.Refunded, refunded: 35.00m));
        var after = await ApiAssert.Json(await List(host), 200);
        Assert.Equal((8, "225.00"), (after.GetProperty("total_transactions").GetInt32(), after.GetProperty("total_amount").GetRawText()));
        Assert.Equal("sq-h", Ids(after)[0]);
        Assert.Equal("refunded", after.GetProperty("transactions")[7].GetProperty("status").GetString());
    }

    [Fact]
    public async Task Owners_AndAdmin_ReadTheBarbersTheyMaySee_OthersAre404()
    {
        await using var host = await ApiHost.StartAsync(azurite);
        var stored = await SeedBarber2(host);
        var id = stored[0].Id;

        // Shop owner 10 runs shop 1 (barbers 1 and 2), enterprise owner 20 owns it, admin sees all.
        foreach (var token in new[] { host.Token(DemoWorld.ShopOwnerId, Roles.ShopOwner), host.Token(DemoWorld.EnterpriseOwnerId, Roles.EnterpriseOwner), host.AdminToken() })
        {
            Assert.Equal(7, (await ApiAssert.Json(await List(host, "?barber_id=2", token), 200)).GetProperty("total_transactions").GetInt32());
            Assert.Equal(id, (await ApiAssert.Json(await host.GetAsync($"external-payments/transactions/{id}", token), 200)).GetProperty("id").GetInt32());
        }
        Assert.Equal(7, (await ApiAssert.Json(await List(host, "?barber_id=2"), 200)).GetProperty("total_transactions").GetInt32());

        // Shop owner 11 (shop 2: barber 3 only) and barber 1 do not see barber 2; an unknown barber is not there either.
        var otherOwner = host.Token(DemoWorld.SecondShopOwnerId, Roles.ShopOwner);
        await ApiAssert.Error(await List(host, "?barber_id=2", otherOwner), 404, "NOT_FOUND");
        await ApiAssert.Error(await List(host, "?barber_id=2", host.BarberToken(1)), 404, "NOT_FOUND");
        await ApiAssert.Error(await List(host, "?barber_id=4242", host.AdminToken()), 404, "NOT_FOUND");
        // Barber 1's demo Square connection named as a filter of barber 2's list: another tenant's id.
        var barber1Connection = (await host.Services.GetRequiredService<ConnectionStore>().ListAsync(1, default))[0].Id;
        await ApiAssert.Error(await List(host, $"?barber_id=2&connection_id={barber1Connection}", host.AdminToken()), 404, "NOT_FOUND");
        await ApiAssert.Error(await List(host, $"?connection_id={barber1Connection}", host.BarberToken(2)), 404, "NOT_FOUND");
        await ApiAssert.Error(await host.GetAsync($"external-payments/transactions/{id}", otherOwner), 404, "NOT_FOUND");
        await ApiAssert.Error(await host.GetAsync($"external-payments/transactions/{id}", host.BarberToken(1)), 404, "NOT_FOUND");
        // Roles without transactions of their own must name the barber.
        Assert.Equal("barber_id", (await ApiAssert.Error(await List(host, "", host.Token(DemoWorld.ShopOwnerId, Roles.ShopOwner)), 400, "VALIDATION_ERROR")).GetProperty("details").GetProperty("field").GetString());
        await ApiAssert.Error(await host.GetAsync("external-payments/transactions"), 401, "UNAUTHORIZED");
    }

    [Theory]
    [InlineData("?status=settled", "status")]
    [InlineData("?status=COMPLETED", "status")]
    [InlineData("?since=2026-02-05T00:00:00Z&until=2026-02-01T00:00:00Z", "since")]
    [InlineData("?since=yesterday", "since")]
    [InlineData("?until=2026-13-45", "until")]
    [InlineData("?limit=0", "limit")]
    [InlineData("?limit=201", "limit")]
    [InlineData("?limit=-1", "limit")]
    [InlineData("?limit=ten", "limit")]
    [InlineData("?offset=-1", "offset")]
    [InlineData("?offset=1.5", "offset")]
    [InlineData("?connection_id=abc", "connection_id")]
    [InlineData("?connection_id=0", "connection_id")]
    [InlineData("?barber_id=x", "barber_id")]
    [InlineData("?limit=10&limit=20", "limit")]
    public async Task BadListInput_Is400_NamingTheParameter(string query, string field)
    {
        var error = await ApiAssert.Error(await List(azurite.Shared, query, barberId: 1), 400, "VALIDATION_ERROR");
        Assert.Equal(field, error.GetProperty("details").GetProperty("field").GetString());
    }

    [Theory]
    [InlineData("abc", 400, "VALIDATION_ERROR")]
    [InlineData("0", 400, "VALIDATION_ERROR")]
    [InlineData("-3", 400, "VALIDATION_ERROR")]
    [InlineData("1.5", 400, "VALIDATION_ERROR")]
    [InlineData("007", 400, "VALIDATION_ERROR")]
    [InlineData("2147483647", 404, "NOT_FOUND")]
    public async Task ABadOrUnknownTransactionId_IsRefused(string id, int status, string code) =>
        await ApiAssert.Error(await azurite.Shared.GetAsync($"external-payments/transactions/{id}", azurite.Shared.BarberToken(1)), status, code);

    [Fact]
    public async Task TheDemoWorld_HasChairPayments_OfEveryReconciliationCase_SeededOnce()
    {
        await using var host = await ApiHost.StartAsync(azurite);
        // A second seeding (a restart) changes nothing.
        await DemoChairPayments.SeedAsync(host.Services, default);

        // Taken at the Square simulator and brought in by the connection's sync: Square's ids, told apart by amount.
        var body = await ApiAssert.Json(await List(host, barberId: 1), 200);
        var transactions = body.GetProperty("transactions").EnumerateArray().ToList();
        Assert.Equal(4, transactions.Count);
        Assert.All(transactions, t => Assert.Single(host.Simulators.Square.Payments, p => p.Id == t.GetProperty("external_transaction_id").GetString()));
        var chair = transactions.ToDictionary(t => t.GetProperty("amount").GetRawText());
        string Status(string amount) => chair[amount].GetProperty("reconciliation_status").GetString()!;
        Assert.Equal(("matched", "matched", "unmatched", "ambiguous"), (Status("42.00"), Status("45.00"), Status("18.00"), Status("25.00")));
        Assert.Equal(DemoChairPayments.FirstAppointmentId, chair["42.00"].GetProperty("appointment_id").GetInt32());
        Assert.Equal(DemoChairPayments.FirstAppointmentId + 1, chair["45.00"].GetProperty("appointment_id").GetInt32());

        var id = chair["45.00"].GetProperty("id").GetInt32();
        var detail = await ApiAssert.Json(await host.GetAsync($"external-payments/transactions/{id}", host.BarberToken(1)), 200);
        Assert.Equal(
            [.. ListFields.Take(11), "external_metadata", "processor_fees", "processed_at", "reconciled_at", "reconciliation_status", "commission_collection", "related_appointment"],
            detail.EnumerateObject().Select(p => p.Name));
        Assert.Equal("""{"card_brand":"MASTERCARD","last_four":"5454","entry_method":"CONTACTLESS"}""", detail.GetProperty("external_metadata").GetRawText());
        var appointment = detail.GetProperty("related_appointment");
        Assert.Equal((DemoChairPayments.FirstAppointmentId + 1, "Skin Fade"), (appointment.GetProperty("id").GetInt32(), appointment.GetProperty("service_name").GetString()));
        // Matched and not yet collected: 20% of 45.00 waits in the open pool.
        Assert.Equal("""{"collection_id":null,"commission_amount":9.00,"collection_status":"open"}""", detail.GetProperty("commission_collection").GetRawText());
        Assert.Equal(("45.00", "1.27"), (detail.GetProperty("amount").GetRawText(), detail.GetProperty("processor_fees").GetRawText()));
        Assert.NotEqual(JsonValueKind.Null, detail.GetProperty("reconciled_at").ValueKind);

        var unmatched = chair["18.00"].GetProperty("id").GetInt32();
        var lone = await ApiAssert.Json(await host.GetAsync($"external-payments/transactions/{unmatched}", host.BarberToken(1)), 200);
        Assert.Equal((JsonValueKind.Null, JsonValueKind.Null), (lone.GetProperty("related_appointment").ValueKind, lone.GetProperty("appointment_id").ValueKind));
        Assert.Equal(JsonValueKind.Null, lone.GetProperty("commission_collection").ValueKind);
    }

    [Fact]
    public async Task TheReconciler_MatchesByReference_ThenByAmountAndTime()
    {
        await using var host = await ApiHost.StartAsync(azurite);
        var start = new DateTimeOffset(2026, 3, 10, 15, 0, 0, TimeSpan.Zero);
        await PutAppointment(host, 700_001, 2, 45.00m, start);                  // amount + time
        await PutAppointment(host, 700_002, 2, 30.00m, start.AddDays(1));       // two of the same price: ambiguous
        await PutAppointment(host, 700_003, 2, 30.00m, start.AddDays(1).AddHours(1));
        await PutAppointment(host, 700_004, 2, 80.00m, start.AddDays(-10));     // named by reference, paid days later
        await PutAppointment(host, 700_005, 1, 55.00m, start.AddDays(2));       // barber 1's
        await PutAppointment(host, 700_006, 2, 20.00m, start.AddDays(3));       // moved below: the index follows
        await PutAppointment(host, 700_006, 2, 20.00m, start.AddDays(4));

        var stored = await StoreAsync(host, 2,
            Tx(2, "r-amount", 54.00m, start.AddMinutes(50)),                                    // 45 + 9 tip
            Tx(2, "r-ambiguous", 30.00m, start.AddDays(1).AddHours(1).AddMinutes(30)),
            Tx(2, "r-reference", 80.00m, start.AddDays(-7), reference: "bb-appt-700004"),
            Tx(2, "r-foreign", 55.00m, start.AddDays(2).AddMinutes(30), reference: "bb-appt-700005"),
            Tx(2, "r-none", 12.00m, start.AddDays(2).AddHours(3)),
            Tx(2, "r-moved-old", 20.00m, start.AddDays(3).AddMinutes(20)),
            Tx(2, "r-moved-new", 20.00m, start.AddDays(4).AddMinutes(20)));
        var byId = stored.ToDictionary(t => t.ExternalTransactionId);
        Assert.Equal(("matched", 700_001), (byId["r-amount"].ReconciliationStatus, byId["r-amount"].AppointmentId));
        Assert.Equal(152, byId["r-amount"].ClientId);
        Assert.Equal(("ambiguous", (int?)null), (byId["r-ambiguous"].ReconciliationStatus, byId["r-ambiguous"].AppointmentId));
        Assert.Equal(("matched", 700_004), (byId["r-reference"].ReconciliationStatus, byId["r-reference"].AppointmentId));
        // Another barber's appointment id is no match, and no appointment of barber 2 fits 55.00 then.
        Assert.Equal(("unmatched", (int?)null), (byId["r-foreign"].ReconciliationStatus, byId["r-foreign"].AppointmentId));
        Assert.Equal("unmatched", byId["r-none"].ReconciliationStatus);
        Assert.Equal(("unmatched", "matched", (int?)700_006), (byId["r-moved-old"].ReconciliationStatus, byId["r-moved-new"].ReconciliationStatus, byId["r-moved-new"].AppointmentId));
        Assert.All(stored, t => Assert.NotNull(t.ReconciledAt));

        // A second payment of the same amount at the same booking finds it taken: unmatched, never a second match.
        var second = await StoreAsync(host, 2, Tx(2, "r-amount-again", 54.00m, start.AddMinutes(55)));
        Assert.Equal("unmatched", second[0].ReconciliationStatus);

        // Seeing the first again (a re-sync) decides the same and writes nothing.
        var again = await host.Services.GetRequiredService<TransactionReconciler>().ReconcileAsync(2, [Tx(2, "r-amount", 54.00m, start.AddMinutes(50))], default);
        var outcome = await host.Services.GetRequiredService<ExternalTransactionStore>().UpsertAsync(again, default);
        Assert.Equal((1, "matched", byId["r-amount"].ReconciledAt), (outcome.Unchanged, outcome.Stored[0].ReconciliationStatus, outcome.Stored[0].ReconciledAt));

        // The detail names the booking the list shows.
        var detail = await ApiAssert.Json(await host.GetAsync($"external-payments/transactions/{byId["r-reference"].Id}", host.BarberToken(2)), 200);
        Assert.Equal(700_004, detail.GetProperty("related_appointment").GetProperty("id").GetInt32());
        Assert.Equal(start.AddDays(-10), detail.GetProperty("related_appointment").GetProperty("start_time").GetDateTimeOffset());
    }
}
