using System.Diagnostics;
using Azure.Data.Tables;
using BookedBarber.Payments.Amounts;
using BookedBarber.Payments.Analytics.Rollups.Storage;
using BookedBarber.Payments.Connections;
using BookedBarber.Payments.ExternalTransactions;
using BookedBarber.Payments.Ledger;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace BookedBarber.Payments.FunctionalTests.Analytics.Store;

/// <summary>
/// The brief's scale target: a barber with 100,000 payments over a year rebuilds in under 30 s. Opt-in (it writes
/// 100,000 ledger rows first): set <c>ROLLUP_SCALE_TEST=1</c>; <c>ROLLUP_SCALE_PAYMENTS</c> changes the count.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class RollupRebuildScaleTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    [Fact]
    public async Task A_barber_with_100000_payments_over_a_year_rebuilds_in_under_30_seconds()
    {
        if (Environment.GetEnvironmentVariable("ROLLUP_SCALE_TEST") != "1") return;
        var count = int.TryParse(Environment.GetEnvironmentVariable("ROLLUP_SCALE_PAYMENTS"), out var n) ? n : 100_000;
        await using var host = await ApiHost.StartAsync(azurite, services: s => s.AddSingleton<ILedgerChangeListener>(NoLedgerChanges.Instance));
        var connection = await host.Services.GetRequiredService<ConnectionStore>().CreateAsync(
            new ProcessorConnection(0, 3, ProcessorTypes.Square, "Lscale", "Chair 1", ConnectionStatus.Connected, "", null, "USD",
                ProcessingFees.SquareStandard, DateTimeOffset.UtcNow), default);
        var ledger = host.Storage.Table(host.Storage.Names.Ledger);
        var start = DateTimeOffset.UtcNow.AddDays(-365);
        var seeding = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, (count + 99) / 100), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (batch, ct) =>
        {
            var actions = Enumerable.Range(batch * 100, Math.Min(100, count - batch * 100)).Select(i =>
                new TableTransactionAction(TableTransactionActionType.Add, ExternalTransactionRows.ToEntity(new ExternalTransaction(
                    10_000_000 + i, 3, connection.Id, ProcessorTypes.Square, "sq-scale-" + i, new Money(2000 + i % 9000, Currency.Usd),
                    ExternalTransactionStatus.Completed, start.AddSeconds(i * 315.36), ProcessorFees: new Money(90, Currency.Usd),
                    ClientId: 5000 + i % 3000)))).ToList();
            await ledger.SubmitTransactionAsync(actions, ct);
        });
        output.WriteLine($"seeded {count} transactions in {seeding.Elapsed.TotalSeconds:F1} s");

        var rebuild = await host.Services.GetRequiredService<RollupRebuilder>().RebuildAsync(3, default);
        output.WriteLine($"rebuild: {rebuild.MonthsWritten} months, {rebuild.Days} days, {rebuild.Payments} payments in {rebuild.ElapsedMs} ms");
        var again = await host.Services.GetRequiredService<RollupRebuilder>().RebuildAsync(3, default);
        output.WriteLine($"second rebuild: {again.MonthsWritten} months in {again.ElapsedMs} ms");

        Assert.Equal(count, rebuild.Payments);
        Assert.Equal(0, again.MonthsWritten);
        Assert.True(rebuild.ElapsedMs < 30_000, $"The rebuild took {rebuild.ElapsedMs} ms.");
    }
}
