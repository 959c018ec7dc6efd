using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using BookedBarber.DevHost;
using BookedBarber.Payments;
using BookedBarber.Payments.Amounts;
using BookedBarber.Payments.Collections;
using BookedBarber.Payments.Configuration;
using BookedBarber.Payments.Connections;
using BookedBarber.Payments.ExternalTransactions;
using BookedBarber.Payments.Ledger;
using BookedBarber.Payments.Queues;
using BookedBarber.Payments.Security;
using BookedBarber.Payments.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace BookedBarber.Bench;

/// <summary>
/// The collection-run goal: <see cref="Barbers"/> barbers with <see cref="TransactionsPerBarber"/> matched
/// external transactions each (written raw, in one entity-group transaction per barber, rows as the store writes them,
/// plus each barber's connection lookup entry; not timed), then timed as production runs it: the
/// <c>CommissionCollection</c> job's fan-out and the <c>commission-collection</c> queue handler for every message, through
/// the application's own services over the same Azurite, pulled the way host.json tells the Functions host to (batches of
/// <c>batchSize</c>, a new batch when fewer than <c>newBatchThreshold</c> run), until every barber's message is handled.
/// Beside it, the raw storage cost of the same work at the same concurrency: per barber, the range read of their
/// transactions and one entity-group transaction with the collection row, its claims and the build pointer.
/// </summary>
public static class CollectionRunBench
{
    public const string Name = "collection run";
    public const int Barbers = 10_000;
    public const int TransactionsPerBarber = 20;
    public const double GoalSeconds = 300;

    private const int FirstBarber = 100_001;

    public static async Task<CollectionRunResult> RunAsync(string azuriteConnection, string dataDirectory, int barbers, CancellationToken cancellationToken)
    {
        var prefix = "bc" + Guid.NewGuid().ToString("N")[..8];
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [SettingNames.StorageConnection] = azuriteConnection,
            [SettingNames.StorageNamePrefix] = prefix,
            [SettingNames.AuthSigningKey] = Convert.ToBase64String(TokenIssuer.NewSigningKey()),
            [SettingNames.CredentialEncryptionKeys] = DevSecrets.CredentialKeyRing(dataDirectory),
        }).Build();
        await using var services = new ServiceCollection().AddLogging().AddPaymentsApplication(configuration).BuildServiceProvider();
        await services.GetRequiredService<StorageInitializer>().EnsureCreatedAsync(cancellationToken);
        var storage = services.GetRequiredService<StorageAccount>();
        var ids = Enumerable.Range(FirstBarber, barbers).ToList();

        var seedClock = Stopwatch.StartNew();
        await SeedAsync(services, ids, cancellationToken);
        var seedSeconds = seedClock.Elapsed.TotalSeconds;
        Console.Error.WriteLine($"bench: {Name}: seeded {barbers} barbers in {seedSeconds:0.0} s");

        var queue = storage.Queue(CollectionRequest.QueueName);
        var hostSettings = HostJson.Load(Path.Combine(RepoPaths.Root, "host.json")).Queues;
        var dispatcher = services.GetRequiredService<QueueDispatcher>();

        var clock = Stopwatch.StartNew();
        using var done = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var handled = new ConcurrentDictionary<int, bool>();
        var failures = 0;
        var pump = PumpAsync(queue, dispatcher, hostSettings, barbers, handled, ex =>
        {
            if (Interlocked.Increment(ref failures) <= 3) Console.Error.WriteLine($"bench: a {CollectionRequest.QueueName} delivery failed: {ex.Message}");
        }, done.Token);
        using var progress = new Timer(_ => Console.Error.WriteLine(
            $"bench: {Name}: {handled.Count} of {barbers} barbers handled at {clock.Elapsed.TotalSeconds:0} s ({failures} failed deliveries)"), null, 10_000, 10_000);
        await dispatcher.RunJobAsync(CommissionCollectionJob.Name, cancellationToken);
        var fanOutSeconds = clock.Elapsed.TotalSeconds;
        await pump;
        var runSeconds = clock.Elapsed.TotalSeconds;

        var (pending, claimed) = await CountAsync(storage, cancellationToken);
        var rawSeconds = await RawAsync(azuriteConnection, prefix, storage, ids, hostSettings.BatchSize + hostSettings.NewBatchThreshold, cancellationToken);
        return new CollectionRunResult(barbers, TransactionsPerBarber, seedSeconds, fanOutSeconds, runSeconds, rawSeconds, pending, claimed, failures);
    }

    /// <summary>Each barber's connection lookup entry (what the job lists) and transactions, one batch per barber.</summary>
    private static async Task SeedAsync(IServiceProvider services, IReadOnlyList<int> barbers, CancellationToken cancellationToken)
    {
        var storage = services.GetRequiredService<StorageAccount>();
        var ledger = storage.Table(storage.Names.Ledger);
        // Processed during the week before the job's cutoff (the end of the barber's last period, at most a month back).
        var start = DateTimeOffset.UtcNow.AddDays(-40);
        await services.GetRequiredService<GlobalLookup>().ClaimManyAsync(
            [.. barbers.Select(b => (ConnectionStore.LookupKind, b.ToString(CultureInfo.InvariantCulture), new LookupEntry(b, b)))], cancellationToken);
        await Parallel.ForEachAsync(barbers, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (barber, ct) =>
        {
            var rows = Enumerable.Range(0, TransactionsPerBarber).Select(k => ExternalTransactionRows.ToEntity(new ExternalTransaction(
                barber * 100 + k, barber, barber, ProcessorTypes.Square, $"sq-bench-run-{barber}-{k}", new Money(4_500 + k * 100, Currency.Usd),
                ExternalTransactionStatus.Completed, start.AddHours(k), new Money(130, Currency.Usd), AppointmentId: barber * 100 + k,
                ReconciliationStatus: ReconciliationStatus.Matched, ReconciledAt: start.AddHours(k))));
            await ledger.SubmitTransactionAsync(rows.Select(e => new TableTransactionAction(TableTransactionActionType.Add, e)), ct);
        });
    }

    /// <summary>
    /// One Functions instance's queue trigger as host.json sets it: receive up to batchSize, take the next batch when
    /// fewer than newBatchThreshold are running; a message is deleted after its handler returns and comes back after
    /// its lease otherwise. Ends when every barber's message has been handled once.
    /// </summary>
    private static async Task PumpAsync(QueueClient queue, QueueDispatcher dispatcher, QueueHostSettings settings, int expected,
        ConcurrentDictionary<int, bool> handled, Action<Exception> failed, CancellationToken cancellationToken)
    {
        var running = new List<Task>();
        while (handled.Count < expected)
        {
            running.RemoveAll(t => t.IsCompleted);
            if (running.Count >= settings.NewBatchThreshold)
            {
                await Task.WhenAny(running);
                continue;
            }
            var messages = (await queue.ReceiveMessagesAsync(settings.BatchSize, TimeSpan.FromMinutes(1), cancellationToken)).Value;
            if (messages.Length == 0)
            {
                if (running.Count > 0) await Task.WhenAny(running);
                else await Task.Delay(50, cancellationToken);
                continue;
            }
            running.AddRange(messages.Select(m => Task.Run(async () =>
            {
                try
                {
                    await dispatcher.HandleAsync(new QueueDelivery(CollectionRequest.QueueName, m.MessageId, m.Body.ToString(), m.DequeueCount), cancellationToken);
                    await queue.DeleteMessageAsync(m.MessageId, m.PopReceipt, cancellationToken);
                    handled[System.Text.Json.JsonDocument.Parse(m.Body.ToString()).RootElement.GetProperty("barber_id").GetInt32()] = true;
                }
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
                {
                    failed(ex); // Its lease runs out and it is received again, as the host would retry it.
                }
            }, cancellationToken)));
        }
        await Task.WhenAll(running);
    }

    /// <summary>The collections stored (by status) and claims, over the whole run's ledger (not timed).</summary>
    private static async Task<(int Pending, int Claimed)> CountAsync(StorageAccount storage, CancellationToken cancellationToken)
    {
        var ledger = storage.Table(storage.Names.Ledger);
        var pending = 0;
        await foreach (var e in ledger.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"RowKey ge {CollectionRows.Prefix} and RowKey lt {CollectionRows.End}"),
            select: ["Status"], cancellationToken: cancellationToken))
            if (e.GetString("Status") == CollectionStatus.Pending) pending++;
        var claimed = 0;
        await foreach (var _ in ledger.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"RowKey ge {CollectionRows.ItemPrefix} and RowKey lt {CollectionRows.ItemEnd}"),
            select: ["RowKey"], cancellationToken: cancellationToken))
            claimed++;
        return (pending, claimed);
    }

    /// <summary>
    /// The floor: per barber, the range read of their transactions from the run's ledger and one entity-group
    /// transaction of a collection row, its claim rows and the build pointer (into a table of its own), at the run's
    /// concurrency.
    /// </summary>
    private static async Task<double> RawAsync(string connection, string prefix, StorageAccount storage, IReadOnlyList<int> barbers, int concurrency, CancellationToken cancellationToken)
    {
        var ledger = storage.Table(storage.Names.Ledger);
        var raw = new TableServiceClient(connection).GetTableClient(prefix + "rawcollections");
        await raw.CreateIfNotExistsAsync(cancellationToken);
        var now = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(barbers, new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken }, async (barber, ct) =>
        {
            var transactions = new List<ExternalTransaction>();
            await foreach (var e in ledger.QueryAsync<TableEntity>(ExternalTransactionRows.Filter(barber, null, null), cancellationToken: ct))
                transactions.Add(ExternalTransactionRows.FromEntity(e));
            long id = barber;
            var items = transactions.Select(t => new CommissionItem(barber, t.Id, t.ExternalTransactionId, id, t.Amount.Currency, t.Amount.Minor, 0, 0.20m,
                CommissionCalculator.Owed(t, 0.20m).Minor, 0, 0, t.ProcessedAt, now)).ToList();
            var collection = new CommissionCollection(id, barber, Currency.Usd, CollectionStatus.Pending, CollectionMethods.StripeConnect, now, now.AddDays(1), now,
                20m, items.Sum(i => i.CommissionMinor), 0, [.. items.Select(i => i.TransactionId)], [.. items.Select(i => i.ExternalTransactionId)], UpdatedAt: now);
            var partition = LedgerPartition.For(barber);
            List<TableTransactionAction> actions =
            [
                new(TableTransactionActionType.Add, CollectionRows.ToEntity(collection)),
                new(TableTransactionActionType.Add, new TableEntity(partition, CollectionRows.BuildPointerRow) { ["CollectionId"] = id, ["Row"] = collection.RowKey }),
                .. items.Select(i => new TableTransactionAction(TableTransactionActionType.Add, CollectionRows.ToEntity(i))),
            ];
            await raw.SubmitTransactionAsync(actions, ct);
        });
        return clock.Elapsed.TotalSeconds;
    }
}

/// <summary>What the collection-run scenario measured, as a report row and a goal line.</summary>
public sealed record CollectionRunResult(int Barbers, int TransactionsPerBarber, double SeedSeconds, double FanOutSeconds, double RunSeconds, double RawSeconds,
    int Pending, int Claimed, int Failures)
{
    public double Ratio => RawSeconds > 0 ? RunSeconds / RawSeconds : double.PositiveInfinity;

    public bool Correct => Pending == Barbers && Claimed == Barbers * TransactionsPerBarber;

    public bool Passed => Correct && RunSeconds < CollectionRunBench.GoalSeconds;

    public string Line() => Invariant(
        $"{CollectionRunBench.Name} ({Barbers:N0} barbers x {TransactionsPerBarber} transactions; seeding {SeedSeconds:0.0} s, not timed): {RunSeconds:0.0} s ({Barbers / RunSeconds:0} barbers/s; the job's fan-out ended at {FanOutSeconds:0.0} s), {Pending:N0} collections pending, {Claimed:N0} claims, {Failures} failed deliveries; raw storage of the same work: {RawSeconds:0.0} s; {Ratio:0.00}x raw");

    public string GoalLine() => Invariant(
        $"goal: {CollectionRunBench.Name} for {Barbers:N0} barbers x {TransactionsPerBarber} < {CollectionRunBench.GoalSeconds:0} s: {RunSeconds:0.0} s, {Ratio:0.00}x raw") +
        (Passed ? " PASS" : Correct ? " MISS" : " MISS (not every barber's collection pending with all its transactions)");

    private static string Invariant(FormattableString value) => value.ToString(CultureInfo.InvariantCulture);
}
