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
/// A barber's whole list is kept per instance and read again only when their collections' stamp row moved
/// (<see cref="CollectionStore.TouchAsync"/>, which ends every write of collection rows): a list costs one point read. A
/// kept list is also dropped after <see cref="KeepAtMost"/>, which bounds how stale a writer that forgot the stamp can make it.
/// </remarks>
public sealed class CollectionReader(CollectionStore store, [FromKeyedServices(CollectionReader.CachePurpose)] IMemoryCache cache)
{
    public const string CachePurpose = "collections";

    /// <summary>How many barbers' collections an instance keeps at most.</summary>
    public const long MaxCachedBarbers = 500;

    /// <summary>The longest a kept list is used, stamp or not.</summary>
    public static readonly TimeSpan KeepAtMost = TimeSpan.FromMinutes(1);

    /// <summary>The barber's finished collections created in [since, until], newest first.</summary>
    public async Task<IReadOnlyList<CommissionCollection>> ListAsync(int barberId, DateTimeOffset? since, DateTimeOffset? until, CancellationToken cancellationToken)
    {
        var all = await AllAsync(barberId, cancellationToken);
        return [.. all.Where(c => (since is null || c.CreatedAt >= since) && (until is null || c.CreatedAt <= until))];
    }

    private async Task<IReadOnlyList<CommissionCollection>> AllAsync(int barberId, CancellationToken cancellationToken)
    {
        var stampRow = await store.Ledger.GetEntityIfExistsAsync<TableEntity>(LedgerPartition.For(barberId), CollectionRows.StampRow, select: ["PartitionKey"],
            cancellationToken: cancellationToken);
        // No stamp: no collection row was ever written through the store.
        if (!stampRow.HasValue) return [];
        var stamp = stampRow.Value!.ETag;
        var key = (nameof(CollectionReader), barberId);
        if (cache.TryGetValue(key, out Snapshot? known) && known!.Stamp == stamp) return known.Collections;

        // Read after the stamp: a write racing this read has its own newer stamp, so the next call reads again.
        var collections = new List<CommissionCollection>();
        await foreach (var c in store.ListAsync(barberId, null, null, cancellationToken))
            if (c.Status != CollectionStatus.Building) collections.Add(c);
        cache.Set(key, new Snapshot(stamp, collections), new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = KeepAtMost });
        return collections;
    }

    private sealed record Snapshot(ETag Stamp, IReadOnlyList<CommissionCollection> Collections);

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
