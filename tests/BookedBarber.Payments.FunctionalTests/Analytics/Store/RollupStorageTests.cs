using BookedBarber.Payments.Collections;
using Azure.Data.Tables;
using Microsoft.Extensions.Caching.Memory;
using Azure.Storage.Queues.Models;
using BookedBarber.DevHost;
using BookedBarber.Payments.Amounts;
using BookedBarber.Payments.Analytics.Peers;
using BookedBarber.Payments.Analytics.Rollups;
using BookedBarber.Payments.Analytics.Rollups.Storage;
using BookedBarber.Payments.Connections;
using BookedBarber.Payments.ExternalTransactions;
using BookedBarber.Payments.Ledger;
using BookedBarber.Payments.Queues;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace BookedBarber.Payments.FunctionalTests.Analytics.Store;

/// <summary>
/// Stored rollups (month rows in the analytics table) agree with the ledger: a rebuild is idempotent, ledger writes keep
/// them up to date through the analytics-rollup queue, and an incremental update leaves exactly what a rebuild would.
/// Barber 3 of the demo world (shop 2, no Connect account) gets a Square connection and outside payments.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class RollupStorageTests(AzuriteFixture azurite)
{
    private const int Barber = 3;
    private static readonly DateTimeOffset Start = new(2026, 9, 1, 17, 0, 0, TimeSpan.Zero);   // noon in Chicago (shop 2)

    private static Money Usd(long minor) => new(minor, Currency.Usd);

    private static async Task<ProcessorConnection> ConnectAsync(ApiHost host) =>
        await host.Services.GetRequiredService<ConnectionStore>().CreateAsync(
            new ProcessorConnection(0, Barber, ProcessorTypes.Square, "L" + Guid.NewGuid().ToString("N")[..10], "Chair 1", ConnectionStatus.Connected,
                "", null, "USD", ProcessingFees.SquareStandard, Start), default);

    private static ExternalTransaction Payment(ProcessorConnection c, string externalId, DateTimeOffset at, long amount = 7500,
        string status = ExternalTransactionStatus.Completed, long? refunded = null, long version = 1, int? client = null, long fee = 250) =>
        new(0, Barber, c.Id, ProcessorTypes.Square, externalId, Usd(amount), status, at, ProcessorFees: Usd(fee),
            RefundedAmount: refunded is { } r ? Usd(r) : null, Version: version, ClientId: client);

    private static Task<IReadOnlyList<DailyRollup>> StoredAsync(ApiHost host) =>
        host.Services.GetRequiredService<RollupStore>().ReadDaysAsync(Barber, new DateOnly(2000, 1, 1), new DateOnly(2100, 1, 1), default);

    private static async Task<int> RebuildAsync(ApiHost host)
    {
        var done = await ApiAssert.Json(await host.SendAsync(HttpMethod.Post, "internal/analytics/rebuild", host.AdminToken(), $$"""{"barber_id":{{Barber}}}"""), 200);
        Assert.Equal(Barber, done.GetProperty("barber_id").GetInt32());
        return done.GetProperty("months_written").GetInt32();
    }

    /// <summary>Handles what is on the analytics-rollup queue now, as the queue runner would (the host runs no background pump).</summary>
    private static async Task DrainAsync(ApiHost host)
    {
        var queue = host.Storage.Queue(AnalyticsRollupMessage.QueueName);
        var dispatcher = host.Services.GetRequiredService<QueueDispatcher>();
        while (true)
        {
            QueueMessage[] batch = (await queue.ReceiveMessagesAsync(16)).Value;
            if (batch.Length == 0) return;
            foreach (var m in batch)
            {
                await dispatcher.HandleAsync(new QueueDelivery(AnalyticsRollupMessage.QueueName, m.MessageId, m.Body.ToString(), m.DequeueCount), default);
                await queue.DeleteMessageAsync(m.MessageId, m.PopReceipt);
            }
        }
    }

    private static string Render(IEnumerable<DailyRollup> days) => RollupMonthCodec.Encode(days);

    /// <summary>The barber's days computed from the whole ledger now, as a rebuild computes them.</summary>
    private static async Task<IReadOnlyList<DailyRollup>> FromLedgerAsync(ApiHost host)
    {
        var calendar = await host.Services.GetRequiredService<RollupReader>().CalendarAsync(Barber, default);
        var snapshot = await host.Services.GetRequiredService<LedgerSnapshotReader>().ReadAsync(Barber, null, null, default);
        return DailyRollupCalculator.Compute(snapshot, calendar.Zone, DailyRollupCalculator.FirstPaidDays(snapshot, calendar.Zone));
    }

    [Fact]
    public async Task A_rebuild_stores_what_the_ledger_computes_and_a_second_rebuild_writes_nothing()
    {
        await using var host = await ApiHost.StartAsync(azurite);
        var c = await ConnectAsync(host);
        await host.Services.GetRequiredService<ExternalTransactionStore>().UpsertAsync(
        [
            Payment(c, "sq-a", Start.AddDays(3), client: 501), Payment(c, "sq-b", Start.AddDays(40), client: 501),
            Payment(c, "sq-c", Start.AddDays(41), status: ExternalTransactionStatus.Failed),
        ], default);

        Assert.Equal(2, await RebuildAsync(host));   // September and October
        Assert.Equal(0, await RebuildAsync(host));

        var stored = await StoredAsync(host);
        Assert.Equal(Render(await FromLedgerAsync(host)), Render(stored));
        Assert.Equal(1, stored.Single(d => d.Day == new DateOnly(2026, 10, 11)).ReturningClients);
        var october = (await host.Services.GetRequiredService<PeerMonthStore>().ListAsync("2026-10", default)).Single(p => p.BarberId == Barber);
        Assert.Equal((2, 1, 75.00m), (october.Payments, october.Successes, october.Volume));
    }

    [Fact]
    public async Task Rebuilding_an_unknown_barber_is_404_a_missing_id_400_and_a_barber_may_not_rebuild()
    {
        var host = azurite.Shared;
        await ApiAssert.Error(await host.SendAsync(HttpMethod.Post, "internal/analytics/rebuild", host.AdminToken(), """{"barber_id":987654}"""), 404, "NOT_FOUND");
        await ApiAssert.Error(await host.SendAsync(HttpMethod.Post, "internal/analytics/rebuild", host.AdminToken(), "{}"), 400, "VALIDATION_ERROR");
        await ApiAssert.Error(await host.SendAsync(HttpMethod.Post, "internal/analytics/rebuild", host.AdminToken(), """{"barber_id":0}"""), 400, "VALIDATION_ERROR");
        var forbidden = await host.SendAsync(HttpMethod.Post, "internal/analytics/rebuild", host.BarberToken(1), """{"barber_id":1}""");
        Assert.Equal(403, (int)forbidden.StatusCode);
    }

    [Fact]
    public async Task A_late_evening_payment_counts_on_the_shops_local_day_and_its_refund_reposts_to_that_day()
    {
        await using var host = await ApiHost.StartAsync(azurite);
        await ApiAssert.Json(await host.SendAsync(HttpMethod.Put, "internal/booking/shops/2", host.AdminToken(),
            $$"""{"name":"Fade Factory Uptown","owner_id":{{DemoWorld.SecondShopOwnerId}},"enterprise_owner_id":{{DemoWorld.EnterpriseOwnerId}},"barber_ids":[3],"time_zone":"America/Los_Angeles"}"""), 200);
        var c = await ConnectAsync(host);
        var store = host.Services.GetRequiredService<ExternalTransactionStore>();
        var lateEvening = new DateTimeOffset(2026, 11, 21, 5, 30, 0, TimeSpan.Zero);   // 21:30 on the 20th in Los Angeles

        await store.UpsertAsync([Payment(c, "sq-late", lateEvening)], default);
        await DrainAsync(host);
        var day = Assert.Single(await StoredAsync(host));
        Assert.Equal(new DateOnly(2026, 11, 20), day.Day);

        // Refunded a week later: the refund changes the 20th, and no other day appears.
        await store.UpsertAsync([Payment(c, "sq-late", lateEvening, refunded: 2500, version: 2)], default);
        await DrainAsync(host);
        day = Assert.Single(await StoredAsync(host));
        Assert.Equal((new DateOnly(2026, 11, 20), Usd(2500)), (day.Day, day.Totals.Refunds));
        Assert.Equal(0, await RebuildAsync(host));
    }

    [Fact]
    public async Task Incremental_updates_after_random_activity_leave_exactly_what_a_rebuild_would()
    {
        await using var host = await ApiHost.StartAsync(azurite);
        var c = await ConnectAsync(host);
        var store = host.Services.GetRequiredService<ExternalTransactionStore>();
        var random = new Random(12);
        var made = new List<ExternalTransaction>();
        for (var i = 0; i < 40; i++)
        {
            // Out of time order, so clients' first paid days move earlier as older payments arrive.
            var t = Payment(c, "sq-r" + i, Start.AddHours(random.Next(0, 24 * 75)), amount: random.Next(1000, 20000),
                status: random.Next(6) == 0 ? ExternalTransactionStatus.Failed : ExternalTransactionStatus.Completed, client: 600 + random.Next(8));
            made.Add(t);
            await store.UpsertAsync([t], default);
            if (i % 7 == 6)
            {
                var refunded = made[random.Next(made.Count)];
                if (refunded.Status == ExternalTransactionStatus.Completed)
                    await store.UpsertAsync([refunded with { RefundedAmount = Usd(refunded.Amount.Minor / 2), Version = 2 }], default);
            }
        }
        await DrainAsync(host);
        var incremental = Render(await StoredAsync(host));

        Assert.NotEmpty(incremental);
        Assert.Equal(0, await RebuildAsync(host));
        Assert.Equal(incremental, Render(await StoredAsync(host)));
    }

    [Fact]
    public async Task A_credit_counts_on_the_credited_payments_own_day_once_the_collection_carrying_it_is_collected()
    {
        await using var host = await ApiHost.StartAsync(azurite);
        var c = await ConnectAsync(host);
        await host.Services.GetRequiredService<ExternalTransactionStore>().UpsertAsync(
            [Payment(c, "sq-credited", Start, client: 700, refunded: 2500, status: ExternalTransactionStatus.Refunded) with
                { AppointmentId = 7001, ReconciliationStatus = ReconciliationStatus.Matched }], default);
        var paid = (await host.Services.GetRequiredService<ExternalTransactionStore>().FindAsync(ProcessorTypes.Square, "sq-credited", default))!;
        var collections = host.Services.GetRequiredService<CollectionStore>();
        // The first collection took 20% of 75.00 before the refund, and is collected; a later one gives half of it back.
        var first = new CommissionCollection(9_100_001, Barber, Currency.Usd, CollectionStatus.Collected, "stripe_connect", Start.AddDays(1), Start.AddDays(1),
            Start.AddDays(1), 0.20m, 1500, 0, [paid.Id], ["sq-credited"]);
        var later = new CommissionCollection(9_100_002, Barber, Currency.Usd, CollectionStatus.Pending, "stripe_connect", Start.AddDays(8), Start.AddDays(8),
            Start.AddDays(8), 0.20m, 0, 750, [], []);
        await collections.SubmitAsync([
            new TableTransactionAction(TableTransactionActionType.Add, CollectionRows.ToEntity(first)),
            new TableTransactionAction(TableTransactionActionType.Add, CollectionRows.ToEntity(new CommissionItem(Barber, paid.Id, "sq-credited", first.Id, Currency.Usd,
                7500, 0, 0.20m, 1500, 0, 750, Start, Start.AddDays(1)))),
            new TableTransactionAction(TableTransactionActionType.Add, CollectionRows.ToEntity(later)),
            new TableTransactionAction(TableTransactionActionType.Add, CollectionRows.ToEntity(new CommissionCredit(Barber, later.Id, paid.Id, "sq-credited", first.Id,
                Currency.Usd, 750, 2500, false, Start.AddDays(8)))),
        ], default);
        await DrainAsync(host);
        await RebuildAsync(host);
        Assert.Equal(Usd(1500), (await StoredAsync(host)).Single(d => d.Mode == AnalyticsModes.External).Totals.CommissionCollected);

        await collections.UpdateAsync(Barber, later.RowKey, x => x! with { Status = CollectionStatus.Collected }, default);
        await DrainAsync(host);

        Assert.Equal(Usd(750), (await StoredAsync(host)).Single(d => d.Mode == AnalyticsModes.External).Totals.CommissionCollected);
        Assert.Equal(Render(await FromLedgerAsync(host)), Render(await StoredAsync(host)));
    }

    [Fact]
    public async Task Concurrent_updates_of_days_of_one_month_keep_every_day()
    {
        await using var host = await ApiHost.StartAsync(azurite, services: s => s.AddSingleton<ILedgerChangeListener>(NoLedgerChanges.Instance));
        var c = await ConnectAsync(host);
        var days = Enumerable.Range(0, 12).Select(d => Start.AddDays(d * 2).AddHours(15)).ToList();
        await host.Services.GetRequiredService<ExternalTransactionStore>().UpsertAsync(
            days.Select((at, i) => Payment(c, "sq-k" + i, at, client: 700 + i % 3)).ToList(), default);
        var handler = ActivatorUtilities.CreateInstance<AnalyticsRollupHandler>(host.Services);

        await Task.WhenAll(days.Select(at => Task.Run(() => handler.UpdateAsync(Barber, at, at, default))));

        Assert.Equal(days.Count, (await StoredAsync(host)).Count);
        Assert.Equal(0, await RebuildAsync(host));
    }

    [Fact]
    public async Task The_dev_hosts_queue_runner_keeps_stored_days_up_to_date_after_a_centralized_payment_through_the_API()
    {
        await using var host = await ApiHost.StartAsync(azurite, background: true, queues: new QueueHostSettings(BatchSize: 4, NewBatchThreshold: 2,
            MaxPollingInterval: TimeSpan.FromMilliseconds(200), VisibilityTimeout: TimeSpan.Zero, MaxDequeueCount: 3));
        var appointment = await host.NewAppointmentAsync(2);   // barber 2: centralized on the platform
        await ApiAssert.Json(await host.ProcessAsync(2, Payments.Body(appointment, "tok_visa")), 200);

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        IReadOnlyList<DailyRollup> stored = [];
        while (DateTime.UtcNow < deadline)
        {
            stored = await host.Services.GetRequiredService<RollupStore>().ReadDaysAsync(2, new DateOnly(2000, 1, 1), new DateOnly(2100, 1, 1), default);
            if (stored.Count > 0) break;
            await Task.Delay(100);
        }
        var day = Assert.Single(stored);
        Assert.Equal((AnalyticsModes.Centralized, 1, 1, Usd(7500)), (day.Mode, day.Totals.Payments, day.Totals.Successes, day.Totals.Volume));
        var live = await host.Services.GetRequiredService<RollupReader>().ReadAsync(2, day.Day, day.Day, default);
        Assert.Equal(Render(live.Days), Render(stored));
    }

    [Fact]
    public async Task DevSh_analytics_rebuild_rebuilds_one_barber_or_runs_the_nightly_timer()
    {
        await using var host = await ApiHost.StartAsync(azurite);
        var c = await ConnectAsync(host);
        await host.Services.GetRequiredService<ExternalTransactionStore>().UpsertAsync([Payment(c, "sq-dev", Start.AddDays(5))], default);
        var environment = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [Configuration.SettingNames.AuthSigningKey] = ApiHost.SigningKey }).Build();
        var options = new DevHostOptions { DataDirectory = Path.Combine(Path.GetTempPath(), "bookedbarber-tests", host.Prefix) };

        var output = new StringWriter();
        Assert.Equal(0, await AnalyticsRebuildCommand.RunAsync(["rebuild", "--barber", "3"], options, environment, output));
        Assert.StartsWith("barber 3: 1 months written, 1 days, 1 payments read in ", output.ToString().Trim());

        output = new StringWriter();
        Assert.Equal(0, await AnalyticsRebuildCommand.RunAsync(["rebuild"], options, environment, output));
        var queued = (await host.Storage.Queue(AnalyticsRollupMessage.QueueName).PeekMessagesAsync(32)).Value;
        Assert.Contains(queued, m => m.Body.ToString().Contains("\"barber_id\":3") && m.Body.ToString().Contains("\"rebuild\":true"));
        await Assert.ThrowsAsync<ArgumentException>(() => AnalyticsRebuildCommand.RunAsync(["rebuild", "--barber", "x"], options, environment, new StringWriter()));
    }

    [Fact]
    public async Task Todays_figures_of_a_built_barber_are_kept_briefly_and_dropped_when_this_instance_writes_their_ledger()
    {
        await using var host = await ApiHost.StartAsync(azurite);
        var c = await ConnectAsync(host);
        var store = host.Services.GetRequiredService<ExternalTransactionStore>();
        var reader = host.Services.GetRequiredService<RollupReader>();
        await store.UpsertAsync([Payment(c, "sq-past", Start.AddDays(2), amount: 4000)], default);
        await RebuildAsync(host);
        var today = (await reader.CalendarAsync(Barber, default)).Today;

        // Concurrent readers share one computation of today.
        var reads = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => reader.ReadAsync(Barber, today, today, default)));
        Assert.All(reads, r => Assert.Equal(Usd(0), r.Total().Volume));

        var dashboard = await ApiAssert.Json(await host.GetAsync("unified-payment-analytics/dashboard", host.BarberToken(Barber)), 200);
        Assert.DoesNotContain(dashboard.GetProperty("recent_transactions").EnumerateArray(), t => t.GetProperty("payment_id").GetString() == "sq-now");

        // A write through this instance drops the kept copies: the very next read shows it, in today's figures and the newest payments.
        await store.UpsertAsync([Payment(c, "sq-now", DateTimeOffset.UtcNow, amount: 2000)], default);
        Assert.Equal(Usd(2000), (await reader.ReadAsync(Barber, today, today, default)).Total().Volume);
        dashboard = await ApiAssert.Json(await host.GetAsync("unified-payment-analytics/dashboard", host.BarberToken(Barber)), 200);
        Assert.Equal("sq-now", dashboard.GetProperty("recent_transactions")[0].GetProperty("payment_id").GetString());

        // A write this instance is not told of (another instance's) shows once the kept copy expires.
        host.Services.GetRequiredKeyedService<IMemoryCache>(StoredRollups.CachePurpose).Remove(Barber);
        Assert.Equal(Usd(2000), (await reader.ReadAsync(Barber, today, today, default)).Total().Volume);
    }

    [Fact]
    public async Task Once_built_the_reader_serves_past_days_from_the_month_rows_and_today_from_the_ledger()
    {
        // No listener: what is written after the rebuild reaches the month rows only through another rebuild.
        await using var host = await ApiHost.StartAsync(azurite, services: s => s.AddSingleton<ILedgerChangeListener>(NoLedgerChanges.Instance));
        var c = await ConnectAsync(host);
        var store = host.Services.GetRequiredService<ExternalTransactionStore>();
        var reader = host.Services.GetRequiredService<RollupReader>();
        await store.UpsertAsync([Payment(c, "sq-past", Start.AddDays(2), amount: 4000)], default);
        var before = await reader.ReadAsync(Barber, new DateOnly(2026, 9, 1), new DateOnly(2100, 1, 1), default);
        Assert.Equal(Usd(4000), before.Total().Volume);   // not built yet: all from the ledger

        await RebuildAsync(host);
        await store.UpsertAsync([Payment(c, "sq-past-2", Start.AddDays(2).AddHours(1), amount: 1000), Payment(c, "sq-today", DateTimeOffset.UtcNow, amount: 2000)], default);
        var calendar = await reader.CalendarAsync(Barber, default);
        var after = await reader.ReadAsync(Barber, new DateOnly(2026, 9, 1), calendar.Today, default);

        Assert.Equal(Usd(4000), after.Total(to: calendar.Today.AddDays(-1)).Volume);   // the stored month: sq-past-2 waits for a rebuild
        Assert.Equal(Usd(2000), after.Total(from: calendar.Today).Volume);              // today: live
        await RebuildAsync(host);
        Assert.Equal(Usd(7000), (await reader.ReadAsync(Barber, new DateOnly(2026, 9, 1), calendar.Today, default)).Total().Volume);
    }
}
