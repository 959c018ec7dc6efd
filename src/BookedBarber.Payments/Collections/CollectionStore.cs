using System.Runtime.CompilerServices;
using Azure.Data.Tables;
using BookedBarber.Payments.Ledger;
using BookedBarber.Payments.Storage;

namespace BookedBarber.Payments.Collections;

/// <summary>
/// Reads and changes collections, their items and credits in barbers' ledger partitions; a collection's public id is
/// found through the global lookup (<c>collection</c>: id → barber, row). Creating collections is the builder's
/// (entity-group transactions through <see cref="SubmitAsync"/>); status changes go through <see cref="UpdateAsync{T}"/>.
/// </summary>
public sealed class CollectionStore(StorageAccount storage, GlobalLookup lookup, ILedgerChangeListener? changes = null)
{
    // Told the processed_at span of a collection's claims when its status moves (commission collected, analytics rollups).
    private readonly ILedgerChangeListener changes = changes ?? NoLedgerChanges.Instance;

    public const string IdSequence = "collection";
    public const string LookupKind = "collection";

    public TableClient Ledger => storage.Table(storage.Names.Ledger);

    /// <summary>The collection with this public id (any barber's; callers check tenancy), or null. Building ones are returned too.</summary>
    public async Task<CommissionCollection?> GetAsync(long collectionId, CancellationToken cancellationToken)
    {
        if (await lookup.FindAsync(LookupKind, collectionId.ToString(System.Globalization.CultureInfo.InvariantCulture), cancellationToken) is not { Row: { } row } entry)
            return null;
        return await GetAsync(entry.BarberId, row, cancellationToken);
    }

    public async Task<CommissionCollection?> GetAsync(int barberId, string rowKey, CancellationToken cancellationToken)
    {
        var found = await Ledger.GetEntityIfExistsAsync<TableEntity>(LedgerPartition.For(barberId), rowKey, cancellationToken: cancellationToken);
        return found.HasValue ? CollectionRows.FromEntity(found.Value!) : null;
    }

    /// <summary>The barber's collections, newest first, optionally created in [since, until]. Includes building ones: readers filter.</summary>
    public async IAsyncEnumerable<CommissionCollection> ListAsync(int barberId, DateTimeOffset? since, DateTimeOffset? until,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Reverse time: `until` gives the lower row bound, `since` the upper.
        var from = until is { } u ? CollectionRows.RowKey(u, 0)[..^10] : CollectionRows.Prefix;
        var to = since is { } s ? CollectionRows.RowKey(s, 0)[..^10] + "\uffff" : CollectionRows.End;
        await foreach (var e in Ledger.QueryAsync<TableEntity>(CollectionRows.Range(barberId, from, to), cancellationToken: cancellationToken))
            yield return CollectionRows.FromEntity(e);
    }

    /// <summary>Every claim of the barber's transactions (all collections).</summary>
    public async Task<IReadOnlyList<CommissionItem>> ItemsAsync(int barberId, CancellationToken cancellationToken)
    {
        var items = new List<CommissionItem>();
        await foreach (var e in Ledger.QueryAsync<TableEntity>(CollectionRows.Range(barberId, CollectionRows.ItemPrefix, CollectionRows.ItemEnd), cancellationToken: cancellationToken))
            items.Add(CollectionRows.ItemFromEntity(e));
        return items;
    }

    /// <summary>The claims of the barber's transactions with ids in [fromId, toId] (one range read: claims are keyed by id).</summary>
    public async Task<IReadOnlyList<CommissionItem>> ItemsAsync(int barberId, int fromId, int toId, CancellationToken cancellationToken)
    {
        var items = new List<CommissionItem>();
        var range = CollectionRows.Range(barberId, CollectionRows.ItemRowKey(fromId), CollectionRows.ItemRowKey(toId) + ".");
        await foreach (var e in Ledger.QueryAsync<TableEntity>(range, cancellationToken: cancellationToken))
            items.Add(CollectionRows.ItemFromEntity(e));
        return items;
    }

    /// <summary>The claim of one transaction, or null while it is in the open pool.</summary>
    public async Task<CommissionItem?> ItemAsync(int barberId, int transactionId, CancellationToken cancellationToken)
    {
        var found = await Ledger.GetEntityIfExistsAsync<TableEntity>(LedgerPartition.For(barberId), CollectionRows.ItemRowKey(transactionId), cancellationToken: cancellationToken);
        return found.HasValue ? CollectionRows.ItemFromEntity(found.Value!) : null;
    }

    /// <summary>Every credit the barber's collections carry (null: of all collections).</summary>
    public async Task<IReadOnlyList<CommissionCredit>> CreditsAsync(int barberId, long? collectionId, CancellationToken cancellationToken)
    {
        var from = collectionId is { } id ? CollectionRows.CreditRowKey(id, 0)[..^10] : CollectionRows.CreditPrefix;
        var to = collectionId is not null ? from + "\uffff" : CollectionRows.CreditEnd;
        var credits = new List<CommissionCredit>();
        await foreach (var e in Ledger.QueryAsync<TableEntity>(CollectionRows.Range(barberId, from, to), cancellationToken: cancellationToken))
            credits.Add(CollectionRows.CreditFromEntity(e));
        return credits;
    }

    /// <summary>
    /// Changes one collection under its ETag (<see cref="OptimisticUpdate"/>): <paramref name="change"/> sees the current
    /// collection (null if absent) and returns the next one, or the same instance to write nothing. Returns what is stored.
    /// </summary>
    public async Task<CommissionCollection?> UpdateAsync(int barberId, string rowKey, Func<CommissionCollection?, CommissionCollection?> change, CancellationToken cancellationToken)
    {
        var wrote = false;
        string? statusBefore = null;
        var stored = await Ledger.UpdateAsync(LedgerPartition.For(barberId), rowKey, found =>
        {
            var current = found is null ? null : CollectionRows.FromEntity(found);
            statusBefore = current?.Status;
            var next = change(current);
            wrote = !(next is null || ReferenceEquals(next, current));
            return wrote ? EntityChanges.Write(CollectionRows.ToEntity(next!), (CommissionCollection?)next) : EntityChanges.Keep(current);
        }, cancellationToken);
        if (wrote) await TouchAsync(barberId, cancellationToken);
        if (wrote && stored is not null && CollectedMoved(statusBefore, stored.Status)) await StatusMovedAsync(stored, cancellationToken);
        return stored;
    }

    /// <summary>
    /// <see cref="UpdateAsync"/> that adds the rows <paramref name="alongside"/> makes for the written collection (e.g. its
    /// audit entry) in the same entity-group transaction: both or neither. Writes nothing when the change keeps the row.
    /// </summary>
    public async Task<CommissionCollection?> UpdateAsync(int barberId, string rowKey, Func<CommissionCollection?, CommissionCollection?> change,
        Func<CommissionCollection, IEnumerable<ITableEntity>> alongside, CancellationToken cancellationToken)
    {
        string? statusBefore = null;
        var wrote = false;
        var stored = await Ledger.UpdateAsync(LedgerPartition.For(barberId), rowKey, found =>
        {
            var current = found is null ? null : CollectionRows.FromEntity(found);
            statusBefore = current?.Status;
            var next = change(current);
            wrote = !(next is null || ReferenceEquals(next, current));
            return next is null || ReferenceEquals(next, current) ? EntityChanges.Keep(current) : EntityChanges.Write(CollectionRows.ToEntity(next), (CommissionCollection?)next);
        }, cancellationToken, new OptimisticUpdateOptions
        {
            Write = async (existing, next, ct) =>
            {
                var collection = CollectionRows.FromEntity((TableEntity)next);
                List<TableTransactionAction> actions = [existing is null
                    ? new TableTransactionAction(TableTransactionActionType.Add, next)
                    : new TableTransactionAction(TableTransactionActionType.UpdateReplace, next, existing.ETag)];
                actions.AddRange(alongside(collection).Select(e => new TableTransactionAction(TableTransactionActionType.Add, e)));
                // The stamp too (its new ETag tells every instance's my-collections the list changed): without it a
                // charger's transition stayed invisible to readers for up to a minute.
                var stamped = actions.Count < 100;
                if (stamped) actions.Add(StampAction(next.PartitionKey));
                var responses = await Ledger.SubmitTransactionAsync(actions, ct);
                if (!stamped) await TouchAsync(next.PartitionKey, ct);
                return responses.Value[0].Headers.ETag;
            },
        });
        if (wrote && stored is not null && CollectedMoved(statusBefore, stored.Status)) await StatusMovedAsync(stored, cancellationToken);
        return stored;
    }

    // Only a move into or out of collected changes what analytics count as collected.
    private static bool CollectedMoved(string? before, string after) =>
        before != after && (before == CollectionStatus.Collected || after == CollectionStatus.Collected);

    /// <summary>
    /// The listener hears of the span of days whose commission collected a status change moves: the days of the
    /// collection's own claims and of the earlier claims its credits give back on (a credit counts once its collection is
    /// collected).
    /// </summary>
    private async Task StatusMovedAsync(CommissionCollection collection, CancellationToken cancellationToken)
    {
        var items = ItemsAsync(collection.BarberId, cancellationToken);
        var credits = CreditsAsync(collection.BarberId, collection.Id, cancellationToken);
        await Task.WhenAll(items, credits);
        var credited = credits.Result.Select(c => c.TransactionId).ToHashSet();
        var moved = items.Result.Where(i => i.CollectionId == collection.Id || credited.Contains(i.TransactionId)).ToList();
        if (moved.Count > 0)
            await changes.ChangedAsync(collection.BarberId, moved.Min(i => i.ProcessedAt), moved.Max(i => i.ProcessedAt), cancellationToken);
    }

    /// <summary>
    /// One entity-group transaction in the barber's partition (at most 100 actions, all or nothing). Returns each
    /// action's response in order (an added or replaced row's new ETag), so a writer can go on without reading it back.
    /// </summary>
    public async Task<IReadOnlyList<Azure.Response>> SubmitAsync(IReadOnlyList<TableTransactionAction> actions, CancellationToken cancellationToken)
    {
        if (actions.Count is 0 or > 100) throw new ArgumentOutOfRangeException(nameof(actions), actions.Count, "An entity-group transaction holds 1 to 100 actions.");
        // The stamp rides in the same transaction when there is room (atomic, no extra round trip); else it follows.
        if (actions.Count < 100 && actions.All(a => a.Entity.RowKey != CollectionRows.StampRow))
            return (await Ledger.SubmitTransactionAsync([.. actions, StampAction(actions[0].Entity.PartitionKey)], cancellationToken)).Value;
        var responses = (await Ledger.SubmitTransactionAsync(actions, cancellationToken)).Value;
        await TouchAsync(actions[0].Entity.PartitionKey, cancellationToken);
        return responses;
    }

    /// <summary>
    /// Marks the barber's collection rows changed (a new ETag on <see cref="CollectionRows.StampRow"/>): every write of
    /// collection rows ends with it, so <see cref="CollectionReader"/>'s kept lists are read again. A writer outside this
    /// store (a netted payment's ledger transaction) adds <see cref="StampAction"/> to its own transaction instead.
    /// </summary>
    public Task TouchAsync(int barberId, CancellationToken cancellationToken) => TouchAsync(LedgerPartition.For(barberId), cancellationToken);

    /// <summary>The stamp's rewrite as one action of an entity-group transaction in the barber's partition.</summary>
    public static TableTransactionAction StampAction(int barberId) => StampAction(LedgerPartition.For(barberId));

    private static TableTransactionAction StampAction(string partition) =>
        new(TableTransactionActionType.UpsertReplace, new TableEntity(partition, CollectionRows.StampRow));

    private Task TouchAsync(string partition, CancellationToken cancellationToken) =>
        Ledger.UpsertEntityAsync(new TableEntity(partition, CollectionRows.StampRow), TableUpdateMode.Replace, cancellationToken);

    /// <summary>Records that collection <paramref name="collectionId"/> lives at <paramref name="rowKey"/> of the barber's partition.</summary>
    public Task ClaimIdAsync(long collectionId, int barberId, string rowKey, CancellationToken cancellationToken) =>
        lookup.ClaimAsync(LookupKind, collectionId.ToString(System.Globalization.CultureInfo.InvariantCulture), new LookupEntry(barberId, collectionId, rowKey), cancellationToken);
}
