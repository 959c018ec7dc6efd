using Azure.Data.Tables;
using BookedBarber.Payments.Amounts;
using BookedBarber.Payments.Collections;
using BookedBarber.Payments.Storage;

namespace BookedBarber.Bench;

/// <summary>
/// Untimed setup of the my-collections scenario: <see cref="Count"/> finished collections of barber <see cref="BarberId"/>
/// (one a week back from 2030-01-01, 20 transactions each, every visible status) written straight into the dev host's
/// ledger in batches of 100, rows exactly as the builder writes them, then the barber's collections stamp.
/// </summary>
public static class CollectionsSeed
{
    public const int BarberId = 3;
    public const int Count = 200;

    public static async Task SeedAsync(string connectionString, CancellationToken cancellationToken)
    {
        var ledger = new TableClient(connectionString, new StorageNames("").Ledger);
        await ledger.CreateIfNotExistsAsync(cancellationToken);
        var start = new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var entities = Enumerable.Range(1, Count).Select(i =>
        {
            var created = start.AddDays(-7 * i);
            var ids = Enumerable.Range(0, 20).Select(k => 7_000_000 + i * 20 + k).ToList();
            return CollectionRows.ToEntity(new CommissionCollection(
                9_000_000 + i, BarberId, Currency.Usd, CollectionStatus.Visible[i % CollectionStatus.Visible.Count], CollectionMethods.StripeConnect,
                created, created.AddDays(1), created.AddHours(-6), 20.0m, 20 * 900, 0, ids, [.. ids.Select(id => $"sq-bench-col-{id}")],
                RetryAttempt: 1, UpdatedAt: created));
        });
        foreach (var chunk in entities.Chunk(100))
            await ledger.SubmitTransactionAsync(chunk.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, e)), cancellationToken);
        await ledger.SubmitTransactionAsync([CollectionStore.StampAction(BarberId)], cancellationToken);
    }
}
