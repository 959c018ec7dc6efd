using Azure.Data.Tables;
using BookedBarber.Payments.Ledger;

namespace BookedBarber.Payments.Collections;

/// <summary>
/// The read side of collections as barbers and their owners see them: building collections never appear (they are not
/// finished statements), and a collection's items are read with one range query over its transactions' claim rows.
/// </summary>
public sealed class CollectionReader(CollectionStore store)
{
    /// <summary>The barber's finished collections created in [since, until], newest first.</summary>
    public async Task<IReadOnlyList<CommissionCollection>> ListAsync(int barberId, DateTimeOffset? since, DateTimeOffset? until, CancellationToken cancellationToken)
    {
        var collections = new List<CommissionCollection>();
        await foreach (var c in store.ListAsync(barberId, since, until, cancellationToken))
            if (c.Status != CollectionStatus.Building && (since is null || c.CreatedAt >= since) && (until is null || c.CreatedAt <= until))
                collections.Add(c);
        return collections;
    }

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
