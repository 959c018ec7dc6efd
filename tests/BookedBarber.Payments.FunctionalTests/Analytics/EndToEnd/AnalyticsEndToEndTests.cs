using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using BookedBarber.DevHost;
using BookedBarber.Payments.Amounts;
using BookedBarber.Payments.Analytics.Consistency;
using BookedBarber.Payments.Analytics.Rollups;
using BookedBarber.Payments.Analytics.Rollups.Storage;
using BookedBarber.Payments.Analytics.SixFigure;
using BookedBarber.Payments.Collections;
using BookedBarber.Payments.Configuration;
using BookedBarber.Payments.ExternalTransactions;
using BookedBarber.Payments.Ledger;
using BookedBarber.Payments.Processing;
using BookedBarber.Payments.Routing;
using BookedBarber.Payments.Sync;
using BookedBarber.Payments.Webhooks;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace BookedBarber.Payments.FunctionalTests.Analytics.EndToEnd;

/// <summary>
/// Analytics end to end through a real dev host (Kestrel, Azurite, the processor simulators, the queue pump): on the demo
/// world with its history (whose rollups are rebuilt at seeding, so past days are read from stored months), random
/// activity — centralized payments, external payments through <c>/process</c>, chair payments at Square brought in by a
/// sync, refunds of old payments announced by Stripe's and Square's webhooks, a commission collection run — then the
/// rollups the <c>analytics-rollup</c> queue kept up to date equal a nightly rebuild's to the cent, the consistency
/// checker finds nothing (rollups, analytics, routing-stats, collections summary), and the dashboard, six-figure
/// insights and revenue optimization say what the ledger sums say. The same run with one change notice dropped fails.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class AnalyticsEndToEndTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    private const string PlatformSecret = "whsec_analytics_end_to_end";
    private static readonly int[] Barbers = [1, 2, 3];

    private static readonly string[] Queues =
    [
        AnalyticsRollupMessage.QueueName, WebhookEventsHandler.QueueName, SyncRequest.QueueName, CollectionRequest.QueueName,
        PaymentReconciler.QueueName,
    ];

    [Fact]
    public async Task After_random_activity_the_queue_kept_rollups_equal_a_nightly_rebuild_and_every_endpoint_equals_the_ledger()
    {
        var run = await RunAsync(seed: 2026, skipOne: false, async host =>
        {
            foreach (var barber in new[] { 1, 2 }) await EndpointsEqualTheLedgerAsync(host, barber);
        });

        Assert.Empty(run.Findings);
        Assert.All(Barbers, b => Assert.Equal(0, run.MonthsWritten[b]));
        Assert.All(Barbers, b => Assert.Equal(run.Rebuilt[b], run.Incremental[b]));
    }

    [Fact]
    public async Task With_one_refunds_change_notice_dropped_the_same_run_fails()
    {
        var run = await RunAsync(seed: 2026, skipOne: true, _ => Task.CompletedTask);

        // The refund of an old platform payment never reached the rollups: its day is stale until the nightly rebuild.
        Assert.Contains(run.Findings, f => f.GetProperty("barber_id").GetInt32() == 2 && f.GetProperty("check").GetString() == "rollups"
            && f.GetProperty("figure").GetString() == "centralized.refunds");
        Assert.True(run.MonthsWritten[2] > 0, "the rebuild had to repair barber 2's month");
        Assert.NotEqual(run.Rebuilt[2], run.Incremental[2]);
    }

    private sealed record Run(IReadOnlyList<JsonElement> Findings, IReadOnlyDictionary<int, string> Incremental,
        IReadOnlyDictionary<int, string> Rebuilt, IReadOnlyDictionary<int, int> MonthsWritten);

    private async Task<Run> RunAsync(int seed, bool skipOne, Func<ApiHost, Task> beforeRebuild)
    {
        var skipper = new SkipOneNotice();
        await using var host = await ApiHost.StartAsync(azurite, background: true, seedHistory: true,
            settings: new Dictionary<string, string?> { [SettingNames.CollectionNoticeDays] = "0", ["STRIPE_WEBHOOK_SECRET"] = PlatformSecret },
            queues: new QueueHostSettings(BatchSize: 16, NewBatchThreshold: 8, MaxPollingInterval: TimeSpan.FromMilliseconds(200),
                VisibilityTimeout: TimeSpan.FromSeconds(30), MaxDequeueCount: 5),
            services: s => s.AddSingleton<ILedgerChangeListener>(sp => skipper.Around(ActivatorUtilities.CreateInstance<AnalyticsLedgerChanges>(sp))));
        await QuietAsync(host);

        var random = new Random(seed);
        var ledger = host.Services.GetRequiredService<PaymentLedger>();
        var now = DateTimeOffset.UtcNow;

        // Payments through the API today: barber 1 (hybrid) on Square, declined, on the platform; barber 2 centralized.
        (string Card, string? Preference)[] barber1 = [("cnon:card-nonce-ok", null), ("cnon:card-nonce-declined", null), ("tok_visa", "platform")];
        (string Card, string? Preference)[] barber2 = [("tok_visa", null), ("tok_visa", null), ("tok_chargeDeclined", null)];
        for (var i = 0; i < 10; i++)
        {
            var barber = random.Next(2) + 1;
            var (card, preference) = barber == 1 ? barber1[random.Next(barber1.Length)] : barber2[random.Next(barber2.Length)];
            var amount = random.Next(20_00, 150_00) / 100m;
            var appointment = await host.NewAppointmentAsync(barber, amount);
            var response = await host.ProcessAsync(barber, Payments.Body(appointment, card, null, preference, amount));
            Assert.True((int)response.StatusCode is 200 or 402 or 422, await response.Content.ReadAsStringAsync());
        }

        // Payments at the chair on barber 1's Square location (two for a booking, one a retail sale), brought in by a sync.
        for (var i = 0; i < 3; i++)
        {
            var minor = random.Next(20_00, 90_00);
            var reference = i < 2 ? AppointmentReference.Format(await host.NewAppointmentAsync(1, minor / 100m)) : null;
            var taken = host.Simulators.Square.TakeInPersonPayment(DemoWorld.Barber1SquareLocation, minor, referenceId: reference, createdAt: now.AddMinutes(-30 + i));
            host.Simulators.Square.SettleFees(taken.Id);
        }
        var sync = await host.SendAsync(HttpMethod.Post, "external-payments/connections/1/sync", host.BarberToken(1));
        Assert.True(sync.IsSuccessStatusCode, await sync.Content.ReadAsStringAsync());

        // Old payments refunded, each on a day of its own more than a month back (no other activity touches those days):
        // two of barber 2's platform payments by Stripe's charge.refunded webhook, one of barber 1's Square payments at Square.
        var history = await ledger.ListAsync(2, now.AddDays(-DemoHistory.Days - 1), now.AddDays(-35), default);
        var platform = history.Where(a => a.Status == AttemptStatus.Completed).GroupBy(a => a.CreatedAt.UtcDateTime.Date)
            .Select(g => g.First()).OrderBy(_ => random.Next()).Take(2).ToList();
        Assert.Equal(2, platform.Count);
        for (var i = 0; i < platform.Count; i++)
        {
            var paid = platform[i];
            if (skipOne && i == 0) skipper.Arm(2, paid.CreatedAt);
            var refunded = random.Next(1, (int)paid.Amount.Minor + 1);
            var body = StripeEvent("charge.refunded", new JsonObject
            {
                ["id"] = "ch_" + paid.ProcessorPaymentId, ["object"] = "charge", ["amount"] = paid.Amount.Minor, ["amount_refunded"] = refunded,
                ["refunded"] = refunded == paid.Amount.Minor, ["payment_intent"] = paid.ProcessorPaymentId,
                ["metadata"] = new JsonObject { ["attempt_id"] = paid.AttemptId, ["barber_id"] = "2", ["appointment_id"] = paid.AppointmentId.ToString(CultureInfo.InvariantCulture) },
            });
            await ApiAssert.Json(await PostStripeAsync(host, body), 200);
        }
        var square = (await ledger.ListAsync(1, now.AddDays(-DemoHistory.Days - 1), now.AddDays(-35), default))
            .Where(a => a is { Decision: "external", Status: AttemptStatus.Completed } && platform.All(p => p.CreatedAt.UtcDateTime.Date != a.CreatedAt.UtcDateTime.Date))
            .OrderBy(_ => random.Next()).First();
        var refund = host.Simulators.Square.RefundPayment(square.ProcessorPaymentId!, square.Amount.Minor / 2, "Client unhappy");
        if (refund.Status == "PENDING")
        {
            try { host.Simulators.Square.CompleteRefund(refund.Id); }
            catch (InvalidOperationException) { } // it completed on its own meanwhile
        }

        // A collection run for barber 1 after topping up their Connect balance: the due collections are charged.
        host.Simulators.Stripe.SetAvailableBalance(DemoCollections.ConnectAccount, 10_000_00);
        var collections = host.Services.GetRequiredService<CollectionStore>();
        var collectedBefore = await CollectedAsync(collections);
        await ApiAssert.Json(await host.SendAsync(HttpMethod.Post, "internal/collections/run", host.AdminToken(), """{"barber_ids":[1],"cutoff":"now"}"""), 202);

        // Everything arrived: the refunds are recorded, a collection more is collected, and every queue is empty.
        await EventuallyAsync("the platform refunds are recorded", async () =>
        {
            foreach (var paid in platform)
                if ((await ledger.GetAsync(2, paid.RowKey, default))?.Refunded is null) return false;
            return true;
        });
        var transactions = host.Services.GetRequiredService<ExternalTransactionStore>();
        await EventuallyAsync("the Square refund is synced", async () =>
        {
            await foreach (var t in transactions.QueryAsync(1, null, null, default))
                if (t.ExternalTransactionId == square.ProcessorPaymentId) return t.RefundedAmount is not null;
            return false;
        });
        await EventuallyAsync("the run collected", async () => await CollectedAsync(collections) > collectedBefore);
        await QuietAsync(host);
        if (skipOne) Assert.True(skipper.Skipped, "the armed notice was dropped");

        var check = await ApiAssert.Json(await host.GetAsync("internal/analytics/check", host.AdminToken()), 200);
        output.WriteLine(check.ToString());
        Assert.Equal(3, check.GetProperty("barbers_checked").GetInt32());
        await beforeRebuild(host);

        var store = host.Services.GetRequiredService<RollupStore>();
        var incremental = new Dictionary<int, string>();
        var rebuilt = new Dictionary<int, string>();
        var written = new Dictionary<int, int>();
        foreach (var barber in Barbers)
        {
            incremental[barber] = await StoredAsync(store, barber);
            var done = await ApiAssert.Json(await host.SendAsync(HttpMethod.Post, "internal/analytics/rebuild", host.AdminToken(), $$"""{"barber_id":{{barber}}}"""), 200);
            written[barber] = done.GetProperty("months_written").GetInt32();
            rebuilt[barber] = await StoredAsync(store, barber);
        }
        Assert.NotEmpty(incremental[1]);
        return new Run([.. check.GetProperty("findings").EnumerateArray()], incremental, rebuilt, written);
    }

    /// <summary>
    /// The dashboard, six-figure insights and revenue optimization against sums of the ledger rows (the checker's own
    /// <see cref="LedgerFigures"/>, not the rollups' calculator): month to date and today, the 90-day monthly average and
    /// the target, the current mix's monthly revenue.
    /// </summary>
    private static async Task EndpointsEqualTheLedgerAsync(ApiHost host, int barber)
    {
        var calendar = await host.Services.GetRequiredService<RollupReader>().CalendarAsync(barber, default);
        var rows = await host.Services.GetRequiredService<LedgerSnapshotReader>().ReadAsync(barber, null, null, default);
        var today = calendar.Today;
        IReadOnlyDictionary<(string Mode, Currency Currency), LedgerFigures> Sum(DateOnly from) => LedgerFigures.Sum(rows, calendar.StartOf(from), calendar.EndOf(today));
        static long Total(IReadOnlyDictionary<(string Mode, Currency Currency), LedgerFigures> sums, string figure) => sums.Where(s => s.Key.Currency == Currency.Usd).Sum(s => s.Value[figure]);
        static decimal Usd(long minor) => new Money(minor, Currency.Usd).ToMajor();
        var token = host.AdminToken();

        var dashboard = await ApiAssert.Json(await host.GetAsync($"unified-payment-analytics/dashboard?barber_id={barber}", token), 200);
        var month = Sum(new DateOnly(today.Year, today.Month, 1));
        var mtd = dashboard.GetProperty("month_to_date");
        Assert.Equal(Total(month, LedgerFigures.Payments), mtd.GetProperty("total_transactions").GetInt64());
        Assert.Equal(Usd(Total(month, LedgerFigures.Volume)), mtd.GetProperty("total_volume").GetDecimal());
        Assert.Equal(Usd(Total(month, LedgerFigures.NetEarnings)), mtd.GetProperty("total_net_earnings").GetDecimal());
        var day = Sum(today);
        Assert.Equal(Usd(Total(day, LedgerFigures.Volume)), dashboard.GetProperty("today").GetProperty("total_volume").GetDecimal());
        Assert.Equal(Usd(Total(day, LedgerFigures.NetEarnings)), dashboard.GetProperty("today").GetProperty("total_net_earnings").GetDecimal());

        var insights = await ApiAssert.Json(await host.GetAsync($"unified-payment-analytics/six-figure-insights?barber_id={barber}", token), 200);
        var tracking = insights.GetProperty("revenue_tracking");
        var ninety = Sum(today.AddDays(-89));
        Assert.Equal(SixFigurePace.MonthlyRevenue(Usd(Total(ninety, LedgerFigures.NetEarnings)), 90), tracking.GetProperty("current_monthly_average").GetDecimal());
        Assert.Equal(barber == 1 ? SixFigureSettings.DefaultAnnualTarget : DemoAnalytics.Barber2Target, tracking.GetProperty("annual_target").GetDecimal());
        Assert.Equal(barber == 1, insights.GetProperty("program_status").GetProperty("enrolled").GetBoolean());

        var optimization = await ApiAssert.Json(await host.GetAsync($"unified-payment-analytics/revenue-optimization?barber_id={barber}&period=90_days", token), 200);
        Assert.Equal(SixFigurePace.MonthlyRevenue(Usd(Total(ninety, LedgerFigures.Volume) - Total(ninety, LedgerFigures.Refunds)), 90),
            optimization.GetProperty("scenario_analysis").GetProperty("current_hybrid").GetProperty("monthly_revenue").GetDecimal());
        Assert.Equal(Total(ninety, LedgerFigures.Payments), optimization.GetProperty("payments_analyzed").GetInt64());
    }

    private static async Task<string> StoredAsync(RollupStore store, int barber) =>
        RollupMonthCodec.Encode(await store.ReadDaysAsync(barber, new DateOnly(2000, 1, 1), new DateOnly(2100, 1, 1), default));

    private static async Task<int> CollectedAsync(CollectionStore store)
    {
        var n = 0;
        await foreach (var c in store.ListAsync(1, null, null, default)) if (c.Status == CollectionStatus.Collected) n++;
        return n;
    }

    /// <summary>Waits until the simulators delivered every webhook and every queue stayed empty for a moment.</summary>
    private static async Task QuietAsync(ApiHost host)
    {
        var quiet = 0;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (quiet < 3)
        {
            Assert.True(DateTime.UtcNow < deadline, "the queues never emptied");
            await host.Simulators.Square.WaitForDeliveriesAsync(TimeSpan.FromSeconds(30));
            var pending = 0;
            foreach (var name in Queues)
            {
                var queue = host.Storage.Queue(name);
                if (await queue.ExistsAsync()) pending += (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount;
            }
            quiet = pending == 0 ? quiet + 1 : 0;
            await Task.Delay(300);
        }
    }

    private static async Task EventuallyAsync(string what, Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting until {what}");
            await Task.Delay(200);
        }
    }

    private static string StripeEvent(string type, JsonObject dataObject) =>
        new JsonObject
        {
            ["id"] = "evt_" + Guid.NewGuid().ToString("N")[..24], ["object"] = "event", ["api_version"] = Stripe.StripeConfiguration.ApiVersion,
            ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(), ["livemode"] = false, ["pending_webhooks"] = 1, ["type"] = type,
            ["data"] = new JsonObject { ["object"] = dataObject },
        }.ToJsonString();

    /// <summary>Posts a platform event signed as Stripe signs it (t=unix time, v1=hex HMAC-SHA256 of "{t}.{body}").</summary>
    private static Task<HttpResponseMessage> PostStripeAsync(ApiHost host, string body)
    {
        var t = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(PlatformSecret), Encoding.UTF8.GetBytes($"{t}.{body}"));
        var request = new HttpRequestMessage(HttpMethod.Post, "webhooks/stripe-platform") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("Stripe-Signature", $"t={t},v1={Convert.ToHexStringLower(mac)}");
        return host.Client.SendAsync(request);
    }

    /// <summary>
    /// The analytics listener, except that once armed it drops the first change notice of the barber whose span holds
    /// the armed instant: a ledger write that forgot to tell analytics.
    /// </summary>
    private sealed class SkipOneNotice
    {
        private (int Barber, DateTimeOffset At)? _armed;
        private int _skipped;

        public bool Skipped => Volatile.Read(ref _skipped) == 1;

        public void Arm(int barber, DateTimeOffset at) => _armed = (barber, at);

        public ILedgerChangeListener Around(ILedgerChangeListener inner) => new Listener(this, inner);

        private sealed class Listener(SkipOneNotice owner, ILedgerChangeListener inner) : ILedgerChangeListener
        {
            public Task ChangedAsync(int barberId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
                owner._armed is { } armed && armed.Barber == barberId && from <= armed.At && armed.At <= to && Interlocked.Exchange(ref owner._skipped, 1) == 0
                    ? Task.CompletedTask
                    : inner.ChangedAsync(barberId, from, to, cancellationToken);
        }
    }
}
