using System.Diagnostics;
using System.Globalization;
using Azure.Data.Tables;
using BookedBarber.DevHost;
using BookedBarber.Payments;
using BookedBarber.Payments.Amounts;
using BookedBarber.Payments.Configuration;
using BookedBarber.Payments.Connections;
using BookedBarber.Payments.ExternalTransactions;
using BookedBarber.Payments.Security;
using BookedBarber.Payments.Storage;
using BookedBarber.Payments.Sync;
using BookedBarber.ProcessorSimulators;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace BookedBarber.Bench;

/// <summary>
/// The sync goal: one connection's 10,000 Square payments (100 pages of 100) synced by the engine, as the
/// transaction-sync queue handler runs it (the application's own services over the same Azurite, the Square simulator
/// over HTTP), against the raw cost of writing the same entities in batches: the ledger rows in entity-group
/// transactions of 100 in the barber's partition, and both lookup entries of each payment in entity-group transactions
/// per lookup partition, page by page as sync writes them. Taking the payments at the simulator is not timed.
/// </summary>
public static class SyncBench
{
    public const string Name = "sync 10,000 Square payments";
    public const int Payments = 10_000;
    public const double GoalSeconds = 10;
    public const double GoalRatio = 1.5;

    public static async Task<SyncBenchResult> RunAsync(string azuriteConnection, string dataDirectory, CancellationToken cancellationToken)
    {
        await using var simulators = await SimulatorServer.StartAsync(cancellationToken: cancellationToken);
        var prefix = "bs" + Guid.NewGuid().ToString("N")[..8];
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [SettingNames.StorageConnection] = azuriteConnection,
            [SettingNames.StorageNamePrefix] = prefix,
            [SettingNames.AuthSigningKey] = Convert.ToBase64String(TokenIssuer.NewSigningKey()),
            [SettingNames.CredentialEncryptionKeys] = DevSecrets.CredentialKeyRing(dataDirectory),
            [SettingNames.SquareApiBase] = simulators.BaseUrl,
        }).Build();
        await using var services = new ServiceCollection().AddLogging().AddPaymentsApplication(configuration).BuildServiceProvider();
        await services.GetRequiredService<StorageInitializer>().EnsureCreatedAsync(cancellationToken);

        // Warm-up (not timed): Azurite's first 10,000 writes are markedly slower than the next (measured: whichever side
        // runs first pays ~1.3x), so both sides run on a warmed Azurite: 10,000 raw writes, then a small sync.
        var filler = Enumerable.Range(0, Payments).Select(i => new ExternalTransaction(1_000_000 + i, 4240, 1, ProcessorTypes.Square, "warm-" + i.ToString(CultureInfo.InvariantCulture),
            new Money(2500, Currency.Usd), ExternalTransactionStatus.Completed, DateTimeOffset.UtcNow.AddSeconds(-i))).ToList();
        await RawWritesAsync(azuriteConnection, prefix + "w", filler, cancellationToken);
        var warm = await ConnectAsync(services, simulators, 4241, 300, cancellationToken);
        var engine = services.GetRequiredService<TransactionSyncEngine>();
        await engine.RunAsync(warm, null, false, bounded: false, cancellationToken);

        const int barberId = 4242;
        var connection = await ConnectAsync(services, simulators, barberId, Payments, cancellationToken);
        var clock = Stopwatch.StartNew();
        var outcome = await engine.RunAsync(connection, null, false, bounded: false, cancellationToken);
        var syncSeconds = clock.Elapsed.TotalSeconds;

        // The same entities, written raw.
        var stored = await StoredAsync(services, barberId, cancellationToken);
        var raw = await RawWritesAsync(azuriteConnection, prefix, stored, cancellationToken);
        return new SyncBenchResult(Payments, outcome.Pages, outcome.New, outcome.Errors, stored.Count, syncSeconds, raw);
    }

    /// <summary>A barber's Square location at the simulator with <paramref name="payments"/> payments taken there, connected.</summary>
    private static async Task<ProcessorConnection> ConnectAsync(IServiceProvider services, SimulatorServer simulators, int barberId, int payments, CancellationToken cancellationToken)
    {
        var token = "EAAA-bench-sync-" + barberId.ToString(CultureInfo.InvariantCulture);
        var location = "L-BENCH-SYNC-" + barberId.ToString(CultureInfo.InvariantCulture);
        simulators.Square.AddMerchant(token, location, "Bench sync");
        var secrets = services.GetRequiredService<ConnectionSecrets>();
        var connection = await services.GetRequiredService<ConnectionStore>().CreateAsync(new ProcessorConnection(0, barberId, ProcessorTypes.Square, location,
            "Bench sync", ConnectionStatus.Connected, secrets.Seal(barberId, new ConnectionCredentials(AccessToken: token, LocationId: location)), location, "USD",
            ProcessingFees.SquareStandard, DateTimeOffset.UtcNow), cancellationToken);
        // A week of the location's history at the chair: completed, fees assessed, a third carrying a booking reference.
        simulators.Square.AddHistoricalPayments(token, payments, DateTimeOffset.UtcNow.AddDays(-8), TimeSpan.FromMinutes(1),
            i => 2500 + i % 50 * 100, i => i % 3 == 0 ? AppointmentReference.Format(i + 1) : null);
        return connection;
    }

    private static async Task<List<ExternalTransaction>> StoredAsync(IServiceProvider services, int barberId, CancellationToken cancellationToken)
    {
        var stored = new List<ExternalTransaction>();
        await foreach (var t in services.GetRequiredService<ExternalTransactionStore>().QueryAsync(barberId, null, null, cancellationToken)) stored.Add(t);
        return [.. stored.OrderBy(t => t.ProcessedAt)];
    }

    private static async Task<double> RawWritesAsync(string connection, string prefix, IReadOnlyList<ExternalTransaction> transactions, CancellationToken cancellationToken)
    {
        var service = new TableServiceClient(connection);
        var ledger = service.GetTableClient(prefix + "rawledger");
        var lookups = service.GetTableClient(prefix + "rawlookups");
        await ledger.CreateIfNotExistsAsync(cancellationToken);
        await lookups.CreateIfNotExistsAsync(cancellationToken);
        static string Shard(string kind, string key) => $"{kind}-{(uint)key.GetHashCode(StringComparison.Ordinal) % 16:D2}";

        var clock = Stopwatch.StartNew();
        foreach (var page in transactions.Chunk(100))
        {
            var entries = page.SelectMany(t => new[]
            {
                new TableEntity(Shard("external-transaction", t.Id.ToString(CultureInfo.InvariantCulture)), t.Id.ToString(CultureInfo.InvariantCulture))
                    { ["BarberId"] = t.BarberId, ["ObjectId"] = (long)t.Id, ["Row"] = ExternalTransactionRows.RowKey(t.ProcessedAt, t.Id) },
                new TableEntity(Shard("external-payment", t.ExternalTransactionId), "square|" + t.ExternalTransactionId)
                    { ["BarberId"] = t.BarberId, ["ObjectId"] = (long)t.Id, ["Row"] = ExternalTransactionRows.RowKey(t.ProcessedAt, t.Id) },
            });
            var batches = entries.GroupBy(e => e.PartitionKey).SelectMany(g => g.Chunk(100));
            await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (batch, ct) =>
                await lookups.SubmitTransactionAsync(batch.Select(e => new TableTransactionAction(TableTransactionActionType.Add, e)), ct));
            await ledger.SubmitTransactionAsync(page.Select(t => new TableTransactionAction(TableTransactionActionType.Add, ExternalTransactionRows.ToEntity(t))), cancellationToken);
        }
        return clock.Elapsed.TotalSeconds;
    }
}

/// <summary>What the sync scenario measured, as a report row and a goal line.</summary>
public sealed record SyncBenchResult(int Payments, int Pages, int New, int Errors, int Stored, double SyncSeconds, double RawSeconds)
{
    public double Ratio => RawSeconds > 0 ? SyncSeconds / RawSeconds : double.PositiveInfinity;

    public bool Correct => New == Payments && Stored == Payments && Errors == 0;

    public bool Passed => Correct && SyncSeconds < SyncBench.GoalSeconds && Ratio <= SyncBench.GoalRatio;

    public string Line() => Invariant(
        $"{SyncBench.Name} ({Pages} pages, one connection): {SyncSeconds:0.00} s, {Payments / SyncSeconds:0} payments/s, {New} new, {Stored} stored; raw batched writes of the same entities: {RawSeconds:0.00} s; {Ratio:0.00}x raw");

    public string GoalLine() => Invariant(
        $"goal: {SyncBench.Name} < {SyncBench.GoalSeconds:0} s and <= {SyncBench.GoalRatio:0.0}x raw batched writes: {SyncSeconds:0.00} s, {Ratio:0.00}x") +
        (Passed ? " PASS" : Correct ? " MISS" : " MISS (not every payment stored once)");

    private static string Invariant(FormattableString value) => value.ToString(CultureInfo.InvariantCulture);
}
