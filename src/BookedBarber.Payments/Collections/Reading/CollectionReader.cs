using Azure;
using Azure.Data.Tables;
using BookedBarber.Payments.Ledger;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;

namespace BookedBarber.Payments.Collections;

/// <summary>
/// The read side of collections as barbers and their owners see them: building collections never appear (they are not
/// finished statements), and a collection's items are read with one range query over its transactions' claim rows.
/// </summary>
/// <remarks>
/// A list reads only the rows' ETags (a projection: a few bytes a row) and keeps each parsed collection per instance
/// under its ETag: rows unchanged since the last read are not read again. Any write of a row — by the builder, the
/// charger or a netted payment's ledger transaction — changes its ETag, so a list never shows a stale collection.
/// </remarks>
public sealed class CollectionReader(CollectionStore store, [FromKeyedServices(CollectionReader.CachePurpose)] IMemoryCache cache)
{
    public const string CachePurpose = "collections";

    /// <summary>How many barbers' collections an instance keeps at most.</summary>
    public const long MaxCachedBarbers = 500;

    /// <summary>A barber's collections unused this long are dropped.</summary>
    public static readonly TimeSpan KeepUnusedFor = TimeSpan.FromMinutes(10);

    /// <summary>The barber's finished collections created in [since, until], newest first.</summary>
    public async Task<IReadOnlyList<CommissionCollection>> ListAsync(int barberId, DateTimeOffset? since, DateTimeOffset? until, CancellationToken cancellationToken)
    {
        var key = (nameof(CollectionReader), barberId);
        var known = cache.TryGetValue(key, out Dictionary<string, Known>? kept) ? kept! : [];
        var rows = new List<(string Row, ETag ETag)>();
        await foreach (var e in store.Ledger.QueryAsync<TableEntity>(Filter(barberId, since, until), select: ["RowKey"], cancellationToken: cancellationToken))
            rows.Add((e.RowKey, e.ETag));

        if (rows.Any(r => !known.TryGetValue(r.Row, out var k) || k.ETag != r.ETag))
        {
            // Something is new or changed: read the range whole once, and keep what it says (copy on write: readers share the old map).
            var fresh = new Dictionary<string, Known>(known);
            await foreach (var e in store.Ledger.QueryAsync<TableEntity>(Filter(barberId, since, until), cancellationToken: cancellationToken))
                fresh[e.RowKey] = new Known(e.ETag, CollectionRows.FromEntity(e));
            cache.Set(key, fresh, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = KeepUnusedFor });
            known = fresh;
        }

        var collections = new List<CommissionCollection>(rows.Count);
        foreach (var (row, _) in rows)
            if (known.TryGetValue(row, out var k) && k.Collection is var c && c.Status != CollectionStatus.Building
                && (since is null || c.CreatedAt >= since) && (until is null || c.CreatedAt <= until))
                collections.Add(c);
        return collections;
    }

    // The same range as CollectionStore.ListAsync: reverse time, so `until` gives the lower row bound and `since` the upper.
    private static string Filter(int barberId, DateTimeOffset? since, DateTimeOffset? until) => CollectionRows.Range(barberId,
        until is { } u ? CollectionRows.RowKey(u, 0)[..^10] : CollectionRows.Prefix,
        since is { } s ? CollectionRows.RowKey(s, 0)[..^10] + "\uffff" : CollectionRows.End);

    private sealed record Known(ETag ETag, CommissionCollection Collection);

    /// <summary>The collection with this public id unless it is still being built (callers check tenancy).</summary>
    public async Task<CommissionCollection?> GetAsync(long collectionId, CancellationToken cancellationToken) =>
        await store.GetAsync(collectionId, cancellationToken) is { } c && c.Status != CollectionStatus.Building ? c : null;

    /// <summary>The claims of the collection's transactions, in the order of its transaction list.</summary>
    public async Task<IReadOnlyList<CommissionItem>> ItemsAsync(CommissionCollection collection, CancellationToken cancellationToken)
    {
        if (collection.TransactionIds.Count == 0) return [];
        // Claim rows are keyed by transaction id: the collection's ids span one range; the filter keeps only its own.
        var from = CollectionRows.ItemRowKey(collection.TransactionIds.Min());
        var to = CollectionRows.ItemRowKey(collection.TransactionIds.Max()) + "\uffff";
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {LedgerPartition.For(collection.BarberId)} and RowKey ge {from} and RowKey lt {to} and CollectionId eq {collection.Id}");
        var byTransaction = new Dictionary<int, CommissionItem>();
        await foreach (var e in store.Ledger.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            var item = CollectionRows.ItemFromEntity(e);
            byTransaction[item.TransactionId] = item;
        }
        return [.. collection.TransactionIds.Where(byTransaction.ContainsKey).Select(id => byTransaction[id])];
    }
}
