using Azure.Data.Tables;
using BookedBarber.Payments.Amounts;
using BookedBarber.Payments.ExternalTransactions;
using BookedBarber.Payments.Ledger;
using BookedBarber.Payments.Storage;

namespace BookedBarber.Bench;

/// <summary>
/// Untimed setup of the transactions-list scenario: <see cref="Count"/> external transactions of barber
/// <see cref="BarberId"/> (one a minute back from 2030-01-01, every status, two connections) written straight into the
/// dev host's ledger in batches of 100, rows exactly as the store writes them, then the barber's change stamp.
/// </summary>
public static class TransactionsSeed
{
    public const int BarberId = 3;
    public const int Count = 2_000;

    public static async Task SeedAsync(string connectionString, CancellationToken cancellationToken)
    {
        var ledger = new TableClient(connectionString, new StorageNames("").Ledger);
        await ledger.CreateIfNotExistsAsync(cancellationToken);
        var start = new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var entities = Enumerable.Range(1, Count).Select(i => ExternalTransactionRows.ToEntity(new ExternalTransaction(
            5_000_000 + i, BarberId, 900 + i % 2, "square", $"sq-bench-{i:D5}", new Money(2_000 + i % 7 * 500, Currency.Usd),
            ExternalTransactionStatus.All[i % 4], start.AddMinutes(-i), new Money(80, Currency.Usd),
            ReconciliationStatus: i % 3 == 0 ? ReconciliationStatus.Matched : ReconciliationStatus.Unmatched, ReconciledAt: start)));
        foreach (var chunk in entities.Chunk(100))
            await ledger.SubmitTransactionAsync(chunk.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, e)), cancellationToken);
        await ledger.UpsertEntityAsync(new TableEntity(LedgerPartition.For(BarberId), ExternalTransactionRows.StampRow), TableUpdateMode.Replace, cancellationToken);
    }
}
