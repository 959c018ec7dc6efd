using System.Text.Json;
using BookedBarber.DevHost;
using BookedBarber.Payments.Collections;
using BookedBarber.Payments.Configuration;
using BookedBarber.Payments.Connections;
using BookedBarber.Payments.ExternalTransactions;
using BookedBarber.Payments.Webhooks;
using Microsoft.Extensions.DependencyInjection;
using Stripe;

namespace BookedBarber.Payments.FunctionalTests.Collections;

/// <summary>
/// The whole collection chain in the dev host with the queue pump on and the real Stripe gateway against the simulator:
/// chair payments taken at the Square simulator reach us by signed webhook and are matched to bookings, an operator's
/// <c>POST /internal/collections/run</c> goes through the <c>commission-collection</c> queue, the collection is built
/// and charged, and the barber reads it. Each test has a host of its own (COLLECTION_NOTICE_DAYS=0: due at once).
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class CollectionEndToEndTests(AzuriteFixture azurite)
{
    private static readonly QueueHostSettings FastQueues = new(BatchSize: 8, NewBatchThreshold: 4, MaxPollingInterval: TimeSpan.FromMilliseconds(200),
        VisibilityTimeout: TimeSpan.FromSeconds(30), MaxDequeueCount: 5);

    private Task<ApiHost> Host() => ApiHost.StartAsync(azurite, background: true, queues: FastQueues,
        settings: new Dictionary<string, string?> { [SettingNames.CollectionNoticeDays] = "0" });

    [Fact]
    public async Task RunNow_BuildsThroughTheQueue_DebitsTheConnectAccountOnce_AndTheBarberReadsItCollected()
    {
        await using var host = await Host();
        var barber = await Barber.NewAsync(host);
        var paid = await barber.ChairPaymentsAsync(100_00, 75_00);   // 20% of each: 20.00 + 15.00
        var tx = await TransactionAsync(host, barber, paid[0]);
        Assert.Equal(("open", "20.00"), (tx.GetProperty("collection_status").GetString(), tx.GetProperty("commission_amount").GetRawText()));

        await RunAsync(host, barber.Id);
        var listed = await CollectionWhenAsync(host, barber, c => c.GetProperty("status").GetString() == "collected", "the collection collected");

        Assert.Equal(("35.00", "stripe_connect", 1, "USD"), (listed.GetProperty("amount").GetRawText(), listed.GetProperty("collection_method").GetString(),
            listed.GetProperty("retry_attempt").GetInt32(), listed.GetProperty("currency").GetString()));
        Assert.Equal(paid.Order(), listed.GetProperty("external_transaction_ids").EnumerateArray().Select(e => e.GetString()!).Order());
        var id = listed.GetProperty("id").GetInt64();
        var detail = await ApiAssert.Json(await host.GetAsync($"platform-collections/collections/{id}", host.BarberToken(barber.Id)), 200);
        var charge = Assert.Single(host.Simulators.Stripe.Charges, c => c.Metadata.GetValueOrDefault("collection_id") == id.ToString() && c.Status == "succeeded");
        Assert.Equal((3500L, barber.Account), (charge.Amount, charge.SourceAccount));
        Assert.Equal((charge.Id, charge.Id), (detail.GetProperty("charge_id").GetString(), detail.GetProperty("payment_intent_id").GetString()));
        Assert.Equal("35.00", detail.GetProperty("collection_breakdown").GetProperty("total_charged").GetRawText());
        Assert.Equal(ProcessorSimulators.Stripe.StripeSimulator.DefaultAvailableBalance - 3500, host.Simulators.Stripe.AvailableBalance(barber.Account));
        tx = await TransactionAsync(host, barber, paid[0]);
        Assert.Equal((id, "collected", "20.00"), (tx.GetProperty("collection_id").GetInt64(), tx.GetProperty("collection_status").GetString(),
            tx.GetProperty("commission_amount").GetRawText()));

        // Run again: nothing new to build, nothing charged twice; the checker finds nothing wrong.
        await RunAsync(host, barber.Id);
        await Task.Delay(1500);
        Assert.Single(host.Simulators.Stripe.Charges, c => c.Metadata.GetValueOrDefault("collection_id") == id.ToString());
        await AssertCheckCleanAsync(host, barber.Id);
    }

    [Fact]
    public async Task AutoCollectionOff_LeavesItDue_UntilAnOperatorRuns_AndTheTransactionShowsOpenDueCollected()
    {
        await using var host = await Host();
        var barber = await Barber.NewAsync(host);
        await ConfigAsync(host, barber.Id, """{"auto_collection_enabled": false}""");
        var paid = await barber.ChairPaymentsAsync(150_00);
        Assert.Equal("open", (await TransactionAsync(host, barber, paid[0])).GetProperty("collection_status").GetString());

        // The timer's kind of message (not an operator's): built, then left due.
        await host.Services.GetRequiredService<Queues.QueueSender>().SendAsync(CommissionCollectionQueue,
            new CollectionRequest(barber.Id, DateTimeOffset.UtcNow, CollectionTriggers.Schedule), default);
        var due = await CollectionWhenAsync(host, barber, c => c.GetProperty("status").GetString() == "due", "the collection due");
        Assert.Equal("due", (await TransactionAsync(host, barber, paid[0])).GetProperty("collection_status").GetString());
        Assert.Empty(host.Simulators.Stripe.Charges.Where(c => c.SourceAccount == barber.Account));

        await RunAsync(host, barber.Id);
        await CollectionWhenAsync(host, barber, c => c.GetProperty("status").GetString() == "collected", "the operator's charge");
        var tx = await TransactionAsync(host, barber, paid[0]);
        Assert.Equal((due.GetProperty("id").GetInt64(), "collected"), (tx.GetProperty("collection_id").GetInt64(), tx.GetProperty("collection_status").GetString()));
        await AssertCheckCleanAsync(host, barber.Id);
    }

    [Fact]
    public async Task CardOnFile_Declined_FailsWithStripesReason_RetriesInADay_ThenARetryWithANewCardCollects()
    {
        await using var host = await Host();
        var barber = await Barber.NewAsync(host);
        var (customer, declining) = await SavedCardAsync(host, "pm_card_chargeDeclinedInsufficientFunds");
        await ConfigAsync(host, barber.Id, $$"""{"collection_method":"card_on_file","collection_customer_id":"{{customer}}","collection_payment_method_id":"{{declining}}"}""");
        await barber.ChairPaymentsAsync(150_00);   // 30.00 commission + the platform card fee 2.9% + 0.30 = 1.17

        await RunAsync(host, barber.Id);
        var failed = await CollectionWhenAsync(host, barber, c => c.GetProperty("status").GetString() == "failed", "the declined charge");
        Assert.False(string.IsNullOrWhiteSpace(failed.GetProperty("failed_reason").GetString()));
        var failedAt = DateTimeOffset.UtcNow;
        Assert.Equal(failedAt.AddDays(1), failed.GetProperty("next_retry_at").GetDateTimeOffset(), TimeSpan.FromMinutes(1));
        var id = failed.GetProperty("id").GetInt64();
        var detail = await ApiAssert.Json(await host.GetAsync($"platform-collections/collections/{id}", host.BarberToken(barber.Id)), 200);
        Assert.Equal(("30.00", "1.17", "31.17"), (detail.GetProperty("collection_breakdown").GetProperty("subtotal").GetRawText(),
            detail.GetProperty("collection_breakdown").GetProperty("processing_fee").GetRawText(),
            detail.GetProperty("collection_breakdown").GetProperty("total_charged").GetRawText()));

        var (_, good) = await SavedCardAsync(host, "pm_card_visa", customer);
        await ConfigAsync(host, barber.Id, $$"""{"collection_payment_method_id":"{{good}}"}""");
        var retried = await ApiAssert.Json(await host.SendAsync(HttpMethod.Post, $"platform-collections/collections/{id}/retry", host.BarberToken(barber.Id),
            """{"retry_reason":"Updated my card"}"""), 200);
        Assert.Equal(("processing", 2), (retried.GetProperty("new_status").GetString(), retried.GetProperty("retry_attempt").GetInt32()));

        var collected = await CollectionWhenAsync(host, barber, c => c.GetProperty("status").GetString() == "collected", "the retried charge");
        detail = await ApiAssert.Json(await host.GetAsync($"platform-collections/collections/{id}", host.BarberToken(barber.Id)), 200);
        var charges = host.Simulators.Stripe.Charges.Where(c => c.Metadata.GetValueOrDefault("collection_id") == id.ToString()).ToList();
        var succeeded = Assert.Single(charges, c => c.Status == "succeeded");
        Assert.Equal((3117L, good), (succeeded.Amount, succeeded.PaymentMethod));
        Assert.Equal(succeeded.PaymentIntent, detail.GetProperty("payment_intent_id").GetString());
        Assert.Equal(2, collected.GetProperty("retry_attempt").GetInt32());
        await AssertCheckCleanAsync(host, barber.Id);
    }

    [Theory]
    [InlineData("restricted", "transfers_not_allowed")]
    [InlineData("authentication_required", "authentication_required")]
    public async Task AChargeStripeRefuses_IsFailedWithItsCode_AndNothingIsTaken(string how, string code)
    {
        await using var host = await Host();
        var barber = await Barber.NewAsync(host);
        if (how == "restricted") host.Simulators.Stripe.Restrict(barber.Account);
        else
        {
            var (customer, card) = await SavedCardAsync(host, "pm_card_authenticationRequired");
            await ConfigAsync(host, barber.Id, $$"""{"collection_method":"card_on_file","collection_customer_id":"{{customer}}","collection_payment_method_id":"{{card}}"}""");
        }
        await barber.ChairPaymentsAsync(150_00);

        await RunAsync(host, barber.Id);
        var failed = await CollectionWhenAsync(host, barber, c => c.GetProperty("status").GetString() == "failed", "the refused charge");
        var stored = await host.Services.GetRequiredService<CollectionStore>().GetAsync(failed.GetProperty("id").GetInt64(), default);
        Assert.Equal(code, stored!.FailureCode);
        Assert.DoesNotContain(host.Simulators.Stripe.Charges, c => c.Metadata.GetValueOrDefault("collection_id") == stored.Id.ToString() && c.Status == "succeeded");
        await AssertCheckCleanAsync(host, barber.Id);
    }

    [Fact]
    public async Task ARefundAfterCollection_IsACreditOnTheNextCollection()
    {
        await using var host = await Host();
        var barber = await Barber.NewAsync(host);
        var paid = await barber.ChairPaymentsAsync(150_00);   // 30.00
        await RunAsync(host, barber.Id);
        var first = await CollectionWhenAsync(host, barber, c => c.GetProperty("status").GetString() == "collected", "the first collection");

        host.Simulators.Square.RefundPayment(paid[0], 50_00);   // a third back: 10.00 of the 30.00 collected
        await Eventually(async () => (await TransactionAsync(host, barber, paid[0], whole: true)).GetProperty("status").GetString() == "refunded", "the refund");
        await barber.ChairPaymentsAsync(200_00);   // 40.00
        await RunAsync(host, barber.Id);
        var second = await CollectionWhenAsync(host, barber, c => c.GetProperty("id").GetInt64() != first.GetProperty("id").GetInt64()
            && c.GetProperty("status").GetString() == "collected", "the second collection");

        Assert.Equal(("30.00", "10.00"), (second.GetProperty("amount").GetRawText(), second.GetProperty("credit_amount").GetRawText()));
        var detail = await ApiAssert.Json(await host.GetAsync($"platform-collections/collections/{second.GetProperty("id").GetInt64()}", host.BarberToken(barber.Id)), 200);
        var credit = Assert.Single(detail.GetProperty("credits").EnumerateArray());
        Assert.Equal(("10.00", first.GetProperty("id").GetInt64()), (credit.GetProperty("amount").GetRawText(), credit.GetProperty("from_collection_id").GetInt64()));
        var debit = Assert.Single(host.Simulators.Stripe.Charges, c => c.Metadata.GetValueOrDefault("collection_id") == second.GetProperty("id").GetInt64().ToString());
        Assert.Equal(30_00, debit.Amount);
        await AssertCheckCleanAsync(host, barber.Id);
    }

    [Fact]
    public async Task Netting_CentralizedPaymentsNetPart_AndTheRestIsDebitedAtTheDueDate()
    {
        // Notice days 1: the collection stays pending (netting open) until its due date.
        await using var host = await ApiHost.StartAsync(azurite, background: true, queues: FastQueues);
        const int barber = 2;   // the demo's centralized barber, with a Connect account
        await ApiAssert.Json(await host.SendAsync(HttpMethod.Put, "hybrid-payments/config", host.BarberToken(barber),
            """{"collection_method":"netting","collection_fallback_method":"stripe_connect"}"""), 200);
        var connection = await host.Services.GetRequiredService<ConnectionStore>().CreateAsync(new ProcessorConnection(0, barber, ProcessorTypes.Square,
            "L" + Guid.NewGuid().ToString("N")[..10], "Side chair", ConnectionStatus.Connected, "", null, "USD", ProcessingFees.SquareStandard, DateTimeOffset.UtcNow.AddDays(-2)), default);
        await host.Services.GetRequiredService<ExternalTransactionStore>().UpsertAsync([.. Enumerable.Range(0, 2).Select(i => new ExternalTransaction(0, barber,
            connection.Id, ProcessorTypes.Square, "sq_" + Guid.NewGuid().ToString("N"), new Amounts.Money(150_00, Amounts.Currency.Usd),
            ExternalTransactionStatus.Completed, DateTimeOffset.UtcNow.AddHours(-1 - i), AppointmentId: Random.Shared.Next(1, 1_000_000),
            ReconciliationStatus: ReconciliationStatus.Matched))], default);

        await RunAsync(host, barber);
        var store = host.Services.GetRequiredService<CollectionStore>();
        CommissionCollection? owed = null;
        await Eventually(async () => (owed = (await store.ListAsync(barber, null, null, default).ToListAsync())
            .FirstOrDefault(c => c.Method == CollectionMethods.Netting && c.Status == CollectionStatus.Pending)) is not null, "the netting collection");
        Assert.True(owed!.CommissionMinor >= 60_00);

        // A centralized 75.00 payment takes floor(0.25 x 75.00) = 18.75 of it in its application fee.
        var paid = await ApiAssert.Json(await host.ProcessAsync(barber, Payments.Body(await host.NewAppointmentAsync(barber), "tok_visa")), 200);
        Assert.Equal("18.75", paid.GetProperty("netted_commission").GetRawText());

        // The due date passes (the row says so, as a day would), and the next run closes netting and debits the rest.
        await store.UpdateAsync(barber, owed.RowKey, c => c! with { DueDate = DateTimeOffset.UtcNow.AddMinutes(-1) }, default);
        await RunAsync(host, barber);
        await Eventually(async () => (await store.GetAsync(barber, owed.RowKey, default))!.Status == CollectionStatus.Collected, "the rest collected");

        var collected = (await store.GetAsync(barber, owed.RowKey, default))!;
        Assert.Equal((18_75L, CollectionMethods.StripeConnect, true), (collected.NettedMinor, collected.ChargeMethod, collected.NettingClosed));
        var debit = Assert.Single(host.Simulators.Stripe.Charges, c => c.Metadata.GetValueOrDefault("collection_id") == owed.Id.ToString());
        Assert.Equal((owed.Amount.Minor - 18_75, "acct_demo_barber_2", "succeeded"), (debit.Amount, debit.SourceAccount, debit.Status));
        var detail = await ApiAssert.Json(await host.GetAsync($"platform-collections/collections/{owed.Id}", host.BarberToken(barber)), 200);
        Assert.Equal(("collected", "18.75"), (detail.GetProperty("status").GetString(), detail.GetProperty("netted_amount").GetRawText()));
        await AssertCheckCleanAsync(host, barber);
    }

    private const string CommissionCollectionQueue = CollectionRequest.QueueName;

    private static async Task RunAsync(ApiHost host, int barberId) =>
        await ApiAssert.Json(await host.SendAsync(HttpMethod.Post, "internal/collections/run", host.AdminToken(),
            $$"""{"barber_ids":[{{barberId}}],"cutoff":"now"}"""), 202);

    private static async Task ConfigAsync(ApiHost host, int barberId, string json) =>
        await ApiAssert.Json(await host.SendAsync(HttpMethod.Put, $"hybrid-payments/config/{barberId}", host.AdminToken(), json), 200);

    private static async Task AssertCheckCleanAsync(ApiHost host, int barberId)
    {
        var report = await ApiAssert.Json(await host.GetAsync($"internal/collections/check?barber_id={barberId}", host.AdminToken()), 200);
        Assert.True(report.GetProperty("violations").GetArrayLength() == 0, report.GetRawText());
        Assert.True(report.GetProperty("collections_checked").GetInt32() >= 1);
    }

    /// <summary>The transaction's <c>commission_collection</c> (or, <paramref name="whole"/>, the whole detail) by its Square payment id.</summary>
    private static async Task<JsonElement> TransactionAsync(ApiHost host, Barber barber, string squarePaymentId, bool whole = false)
    {
        var list = await ApiAssert.Json(await host.GetAsync($"external-payments/transactions?connection_id={barber.ConnectionId}", host.BarberToken(barber.Id)), 200);
        var id = list.GetProperty("transactions").EnumerateArray().Single(t => t.GetProperty("external_transaction_id").GetString() == squarePaymentId).GetProperty("id").GetInt32();
        var detail = await ApiAssert.Json(await host.GetAsync($"external-payments/transactions/{id}", host.BarberToken(barber.Id)), 200);
        return whole ? detail : detail.GetProperty("commission_collection");
    }

    /// <summary>The barber's newest listed collection once <paramref name="until"/> holds for one of them.</summary>
    private static async Task<JsonElement> CollectionWhenAsync(ApiHost host, Barber barber, Func<JsonElement, bool> until, string what)
    {
        JsonElement found = default;
        var last = "";
        await Eventually(async () =>
        {
            var list = await ApiAssert.Json(await host.GetAsync("platform-collections/my-collections", host.BarberToken(barber.Id)), 200);
            last = list.GetProperty("collections").GetRawText() + " charges: " + string.Join("; ", host.Simulators.Stripe.Charges.Select(c => $"{c.Id} {c.Status} {c.Amount} {c.SourceAccount} {string.Join(",", c.Metadata)}"));
            foreach (var c in list.GetProperty("collections").EnumerateArray())
                if (until(c)) { found = c.Clone(); return true; }
            return false;
        }, what, () => last);
        return found;
    }

    private static async Task Eventually(Func<Task<bool>> probe, string what, Func<string>? seen = null)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (await probe()) return;
            await Task.Delay(150);
        }
        throw new TimeoutException($"Never saw {what}. Last seen: {seen?.Invoke()}");
    }

    private static async Task<(string Customer, string PaymentMethod)> SavedCardAsync(ApiHost host, string testCard, string? customer = null)
    {
        var client = new StripeClient(new StripeClientOptions { ApiKey = DevHostApp.SimulatorStripeKey, ApiBase = host.Simulators.BaseUrl });
        customer ??= (await new CustomerService(client).CreateAsync(new CustomerCreateOptions { Name = "Barber collection card" })).Id;
        var saved = await new PaymentMethodService(client).AttachAsync(testCard, new PaymentMethodAttachOptions { Customer = customer });
        return (customer, saved.Id);
    }

    /// <summary>A new barber the booking platform knows, with a Stripe Connect account and a Square location connected through the API.</summary>
    private sealed record Barber(ApiHost Host, int Id, int ConnectionId, string Location, string Account)
    {
        public static async Task<Barber> NewAsync(ApiHost host)
        {
            var id = Random.Shared.Next(300_000, 900_000);
            await ApiAssert.Json(await host.SendAsync(HttpMethod.Put, $"internal/booking/shops/{id}", host.AdminToken(),
                $$"""{"name":"Shop {{id}}","owner_id":{{id}},"barber_ids":[{{id}}]}"""), 201);
            var account = $"acct_e2e{id}";
            await host.Services.GetRequiredService<ConnectionStore>().AddPlatformAccountIfAbsentAsync(new PlatformAccount(id, account, true, DateTimeOffset.UtcNow), default);

            var token = $"EAAA-col-{Guid.NewGuid():N}";
            var location = $"L-COL-{Guid.NewGuid().ToString("N")[..8].ToUpperInvariant()}";
            host.Simulators.Square.AddMerchant(token, location, "Corner Chair");
            var body = JsonSerializer.Serialize(new Dictionary<string, object?>
            {
                ["processor_type"] = "square", ["account_id"] = location, ["account_name"] = "Corner Chair",
                ["connection_config"] = new Dictionary<string, object?> { ["access_token"] = token, ["location_id"] = location, ["environment"] = "sandbox" },
            });
            var created = await ApiAssert.Json(await host.SendAsync(HttpMethod.Post, "external-payments/connections", host.BarberToken(id), body), 201);
            var barber = new Barber(host, id, created.GetProperty("id").GetInt32(), location, account);
            await Eventually(async () => (await ApiAssert.Json(await host.GetAsync($"external-payments/connections/{barber.ConnectionId}", host.BarberToken(id)), 200))
                .GetProperty("last_sync_at").ValueKind == JsonValueKind.String, "the connection's first sync");
            return barber;
        }

        /// <summary>Chair payments for bookings at these prices, taken at the Square simulator; returns their ids once each is stored matched.</summary>
        public async Task<string[]> ChairPaymentsAsync(params long[] amounts)
        {
            var ids = new List<string>();
            foreach (var amount in amounts)
            {
                var appointment = await Host.NewAppointmentAsync(Id, amount / 100m);
                ids.Add(Host.Simulators.Square.TakeInPersonPayment(Location, amount, referenceId: AppointmentReference.Format(appointment)).Id);
            }
            await Eventually(async () =>
            {
                var list = await ApiAssert.Json(await Host.GetAsync($"external-payments/transactions?connection_id={ConnectionId}&limit=200", Host.BarberToken(Id)), 200);
                var matched = list.GetProperty("transactions").EnumerateArray()
                    .Where(t => t.GetProperty("reconciliation_status").GetString() == "matched" && t.GetProperty("status").GetString() == "completed")
                    .Select(t => t.GetProperty("external_transaction_id").GetString()).ToHashSet();
                return ids.All(matched.Contains);
            }, "the chair payments matched");
            return [.. ids];
        }
    }
}
