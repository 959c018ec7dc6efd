using BookedBarber.Payments.Amounts;
using BookedBarber.Payments.Collections;
using BookedBarber.Payments.Configuration;
using BookedBarber.Payments.Connections;
using BookedBarber.Payments.ExternalTransactions;
using BookedBarber.Payments.Routing;
using BookedBarber.ProcessorSimulators.Stripe;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;

namespace BookedBarber.Payments.FunctionalTests.Collections;

/// <summary>
/// The issue's crash test, through the real parts: Azurite tables and queues, the real builder and charger, the real
/// <see cref="StripeCollectionGateway"/> over HTTP against the host's Stripe simulator. One scenario (a collected
/// collection whose transaction is then half refunded, 200 new transactions: a first, two middle and a last batch with
/// a credit, then an account debit) is run once cleanly while every step is recorded; then, for every recorded step
/// (each occurrence) and each side, a fresh barber crashes there and is run again as the queue would (builder, then
/// charger; a charge in flight also with the clock moved past COLLECTION_STUCK_AFTER, so the sweeper asks Stripe).
/// Each time the invariant checker finds nothing and Stripe holds exactly one succeeded charge for the collection.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class CollectionCrashTests(AzuriteFixture azurite, ITestOutputHelper output) : IAsyncLifetime
{
    private const int Transactions = 200;
    private static readonly DateTimeOffset Start = DateTimeOffset.UtcNow.AddDays(-20);
    private static int _nextBarber = 600_000 + Random.Shared.Next(0, 50_000);

    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly StepFaults _faults = new();
    private ApiHost _host = null!;

    public async Task InitializeAsync() => _host = await ApiHost.StartAsync(azurite, seed: false,
        settings: new Dictionary<string, string?> { [SettingNames.CollectionNoticeDays] = "0" },
        services: s =>
        {
            s.AddSingleton<TimeProvider>(_clock);
            s.AddSingleton<ICollectionFaults>(_faults);
        });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task ACrashBeforeOrAfterAnyStepOfARun_ThenARunAgain_LeavesEveryInvariantAndOneChargeAtStripe()
    {
        // The clean run says which steps there are (occurrences numbered: the build reads and batches repeat).
        var steps = new List<string>();
        var clean = await ScenarioAsync(point: null, sweep: false, record: steps);
        Assert.Equal(CollectionStatus.Collected, clean.Status);
        Assert.Contains("build.middle_batch#2", steps);   // 200 transactions and a credit take a first, two middle and a last batch
        Assert.Contains("charge.gateway_debit#1", steps);

        var points = (from step in steps from side in new[] { "before", "after" } select $"{side}:{step}").ToList();
        var runs = points.Select(p => (Point: p, Sweep: false))
            .Concat(points.Where(p => p.Contains(":charge.", StringComparison.Ordinal)).Select(p => (Point: p, Sweep: true)))
            .ToList();
        output.WriteLine($"Clean run: {string.Join(", ", steps)}");
        output.WriteLine($"{points.Count} crash points ({steps.Count} steps × before/after), {runs.Count} crash runs (charge points also swept).");
        Assert.True(points.Count >= 20, $"Only {points.Count} crash points.");

        // The sweeps move the host's clock, so they run one at a time; the others run four at a time, each with its own barber.
        var failures = new List<string>();
        foreach (var batch in runs.Where(r => !r.Sweep).Chunk(4))
            await Task.WhenAll(batch.Select(async r => await CaptureAsync(r.Point, r.Sweep, failures)));
        foreach (var r in runs.Where(r => r.Sweep)) await CaptureAsync(r.Point, r.Sweep, failures);
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        output.WriteLine($"All {runs.Count} crash runs at {points.Count} distinct points finished with no violation and one charge each.");
    }

    private async Task CaptureAsync(string point, bool sweep, List<string> failures)
    {
        try
        {
            await ScenarioAsync(point, sweep, record: null);
        }
        catch (Exception ex)
        {
            lock (failures) failures.Add($"{point}{(sweep ? " (swept)" : "")}: {ex.Message}");
        }
    }

    /// <summary>One barber through the scenario, crashing once at <paramref name="point"/>; returns their last collection, checked.</summary>
    private async Task<CommissionCollection> ScenarioAsync(string? point, bool sweep, List<string>? record)
    {
        var barber = Interlocked.Increment(ref _nextBarber);
        var account = $"acct_crash{barber}";
        var (connection, _) = await ArrangeBarberAsync(barber, account);

        // An earlier collection, collected by a real debit, then half of its transaction refunded: a credit is due.
        var paid = (await AddAsync(Payment(barber, connection, 150_00, Start, tip: 25_00)))[0];
        await RunAsync(barber, Start.AddDays(1));
        var first = Assert.Single(await CollectionsAsync(barber));
        Assert.Equal((CollectionStatus.Collected, 25_00L), (first.Status, first.CommissionMinor));
        await AddAsync(paid with { Id = 0, RefundedAmount = Usd(75_00), Status = ExternalTransactionStatus.Refunded });
        await AddAsync(Enumerable.Range(0, Transactions).Select(i => Payment(barber, connection, 15_00, Start.AddDays(2).AddMinutes(i))).ToArray());

        var cutoff = Start.AddDays(5);
        using (_faults.Plan(point, record))
        {
            if (point is null) await RunAsync(barber, cutoff);
            else await Assert.ThrowsAsync<InjectedCrashException>(() => RunAsync(barber, cutoff));
        }
        if (point is not null)
        {
            if (sweep) _clock.Advance(TimeSpan.FromHours(2) + TimeSpan.FromMinutes(1));
            await RunAsync(barber, cutoff);
            await RunAsync(barber, cutoff);   // a redelivered message changes nothing
        }

        var report = await _host.Services.GetRequiredService<CollectionInvariantChecker>().CheckAsync([barber], default);
        Assert.True(report.Violations.Count == 0, string.Join("; ", report.Violations.Select(v => $"{v.Rule} {v.CollectionId}/{v.TransactionId}: {v.Detail}")));
        var collections = await CollectionsAsync(barber);
        Assert.Equal(2, collections.Count);
        var second = collections.Single(c => c.Id != first.Id);
        Assert.Equal(CollectionStatus.Collected, second.Status);
        Assert.Equal((Transactions * 3_00L, 12_50L, Transactions), (second.CommissionMinor, second.CreditMinor, second.TransactionIds.Count));
        foreach (var c in collections)
        {
            var succeeded = Simulator.Charges.Where(r => r.Metadata.GetValueOrDefault("collection_id") == c.Id.ToString() && r.Status == "succeeded").ToList();
            Assert.Equal(c.Remaining.Minor, Assert.Single(succeeded).Amount);
        }
        Assert.Equal(StripeSimulator.DefaultAvailableBalance - 25_00 - (Transactions * 3_00 - 12_50), Simulator.AvailableBalance(account));
        return second;
    }

    /// <summary>What the queue handler does for an operator's message with a cutoff: build, then charge what is due.</summary>
    private async Task RunAsync(int barber, DateTimeOffset cutoff)
    {
        await _host.Services.GetRequiredService<CollectionBuilder>().BuildAsync(barber, cutoff, default);
        await _host.Services.GetRequiredService<CollectionCharger>().ActAsync(barber, operatorRun: true, default);
    }

    private StripeSimulator Simulator => _host.Simulators.Stripe;

    private async Task<(ProcessorConnection Connection, string Account)> ArrangeBarberAsync(int barber, string account)
    {
        var connections = _host.Services.GetRequiredService<ConnectionStore>();
        await connections.AddPlatformAccountIfAbsentAsync(new PlatformAccount(barber, account, true, _clock.GetUtcNow()), default);
        await _host.Services.GetRequiredService<PaymentConfigStore>().UpdateAsync(barber, c => c with
        {
            AutoCollectionEnabled = true, CollectionMethod = CollectionMethods.StripeConnect,
        }, default);
        var connection = await connections.CreateAsync(new ProcessorConnection(0, barber, ProcessorTypes.Square, "L" + Guid.NewGuid().ToString("N")[..10],
            "Chair 1", ConnectionStatus.Connected, "", null, "USD", ProcessingFees.SquareStandard, Start), default);
        return (connection, account);
    }

    private static Money Usd(long minor) => new(minor, Currency.Usd);

    private static ExternalTransaction Payment(int barber, ProcessorConnection connection, long amount, DateTimeOffset at, long? tip = null) =>
        new(0, barber, connection.Id, ProcessorTypes.Square, "sq_" + Guid.NewGuid().ToString("N"), Usd(amount), ExternalTransactionStatus.Completed, at,
            TipAmount: tip is { } t ? Usd(t) : null, AppointmentId: Random.Shared.Next(1, 1_000_000), ReconciliationStatus: ReconciliationStatus.Matched);

    private async Task<IReadOnlyList<ExternalTransaction>> AddAsync(params ExternalTransaction[] payments) =>
        (await _host.Services.GetRequiredService<ExternalTransactionStore>().UpsertAsync(payments, default)).Stored;

    private async Task<List<CommissionCollection>> CollectionsAsync(int barber) =>
        await _host.Services.GetRequiredService<CollectionStore>().ListAsync(barber, null, null, default).ToListAsync();

    /// <summary>
    /// Faults planned per async flow (so scenarios of different barbers run side by side): records every step as
    /// <c>name#occurrence</c> and crashes once at the planned <c>before:</c>/<c>after:</c> point.
    /// </summary>
    private sealed class StepFaults : ICollectionFaults
    {
        private readonly AsyncLocal<Run?> _run = new();

        public IDisposable Plan(string? point, List<string>? record)
        {
            var run = new Run(point, record);
            _run.Value = run;
            return run;
        }

        public void Before(string step) => _run.Value?.Hit("before", step, count: true);

        public void After(string step) => _run.Value?.Hit("after", step, count: false);

        private sealed class Run(string? point, List<string>? record) : IDisposable
        {
            private readonly Dictionary<string, int> _seen = [];
            private string? _armed = point;
            private bool _done;

            public void Hit(string side, string step, bool count)
            {
                if (_done) return;
                if (count) _seen[step] = _seen.GetValueOrDefault(step) + 1;
                var name = $"{step}#{_seen.GetValueOrDefault(step)}";
                if (count) record?.Add(name);
                if (_armed != $"{side}:{name}") return;
                _armed = null;
                throw new InjectedCrashException($"{side}:{name}");
            }

            public void Dispose() => _done = true;
        }
    }
}
