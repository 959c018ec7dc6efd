using System.Globalization;
using System.Runtime.CompilerServices;
using Azure.Data.Tables;
using BookedBarber.Payments.Amounts;
using BookedBarber.Payments.Connections;
using BookedBarber.Payments.Ledger;
using BookedBarber.Payments.Storage;

namespace BookedBarber.Payments.ExternalTransactions;

/// <summary>
/// External transactions in their barbers' ledger partitions: one record per processor payment (the first barber to
/// claim <c>{processor}|{external id}</c> owns it), found from the public id through the global lookup. Every write
/// merges with what is stored (<see cref="ExternalTransaction.Absorb"/>) under the row's ETag, and keeps the
/// connection's totals in step.
/// </summary>
public sealed class ExternalTransactionStore(StorageAccount storage, IdAllocator ids, GlobalLookup lookup, ConnectionStore connections, TimeProvider clock,
    ILedgerChangeListener? changes = null)
{
    // Told the processed_at span of each barber's new or changed transactions (analytics rollups).
    private readonly ILedgerChangeListener changes = changes ?? NoLedgerChanges.Instance;

    public const string IdSequence = "external-transaction";
    public const string LookupKind = "external-transaction";
    public const string ExternalLookupKind = "external-payment";

    private TableClient Ledger => storage.Table(storage.Names.Ledger);

    public static string ExternalKey(string processorType, string externalId) => $"{processorType}|{externalId}";

    /// <summary>
    /// Stores what was observed of each processor payment (Id ignored: the store assigns or finds it). Batched: ids are
    /// reserved in one block, lookups claimed one entity-group transaction per lookup partition, and each barber's rows
    /// written ≤ 100 per entity-group transaction (new rows added, changed rows replaced under their ETag, unchanged rows
    /// left alone). <paramref name="known"/> (from <see cref="LoadKnownAsync"/>) spares the claims of payments already
    /// stored; whatever it misses is found through the first-claim lookup, so it only makes the path cheaper. Every step
    /// can be repeated: a crash between them leaves claims that the next upsert finds and completes. The connections'
    /// totals are updated here, unless <paramref name="recordActivity"/> is false: then the outcome carries the change.
    /// </summary>
    public async Task<UpsertOutcome> UpsertAsync(IReadOnlyList<ExternalTransaction> observed, CancellationToken cancellationToken, KnownTransactions? known = null,
        bool recordActivity = true)
    {
        var stored = new List<ExternalTransaction>(observed.Count);
        int created = 0, updated = 0, unchanged = 0, elsewhere = 0;
        var activity = new Dictionary<(int Barber, int Connection), ConnectionActivity>();
        var spans = new Dictionary<int, (DateTimeOffset From, DateTimeOffset To)>();
        static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
        static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
        void Count(ExternalTransaction result, UpsertKind kind, ExternalTransaction? before)
        {
            switch (kind)
            {
                case UpsertKind.ClaimedElsewhere: elsewhere++; return;
                case UpsertKind.New: created++; break;
                case UpsertKind.Updated: updated++; break;
                default: unchanged++; break;
            }
            stored.Add(result);
            if (kind == UpsertKind.Unchanged) return;
            var at = before is null ? (result.ProcessedAt, result.ProcessedAt) : (Min(before.ProcessedAt, result.ProcessedAt), Max(before.ProcessedAt, result.ProcessedAt));
            spans[result.BarberId] = spans.TryGetValue(result.BarberId, out var span) ? (Min(span.From, at.Item1), Max(span.To, at.Item2)) : at;
            var key = (result.BarberId, result.ConnectionId);
            activity[key] = Counted(activity.TryGetValue(key, out var sofar) ? sofar : ConnectionActivity.None, before, result);
        }

        // One observation per processor payment: several of one payment in a list are merged first (forward-only rules).
        var merged = observed
            .GroupBy(t => (t.BarberId, Key: ExternalKey(t.ProcessorType, t.ExternalTransactionId)))
            .Select(g => g.Skip(1).Aggregate(g.First(), (a, b) => a.Absorb(b)))
            .ToList();
        foreach (var barber in merged.GroupBy(t => t.BarberId))
            foreach (var chunk in barber.Chunk(MaxBatch))
                foreach (var (result, kind, before) in await UpsertChunkAsync(barber.Key, chunk, known, cancellationToken))
                    Count(result, kind, before);

        // Whoever records the totals, the barbers' cached transaction lists must see the change.
        foreach (var barberId in activity.Keys.Select(k => k.Barber).Distinct()) await TouchAsync(barberId, cancellationToken);
        foreach (var (barberId, (from, to)) in spans) await changes.ChangedAsync(barberId, from, to, cancellationToken);
        if (!recordActivity) return new UpsertOutcome(stored, created, updated, unchanged, elsewhere) { Activity = activity };
        foreach (var ((barberId, connectionId), change) in activity)
            if (!change.IsEmpty) await connections.RecordActivityAsync(barberId, connectionId, change, cancellationToken);
        return new UpsertOutcome(stored, created, updated, unchanged, elsewhere);
    }

    /// <summary>
    /// The barber's stored transactions processed in [since, until] widened each way — by an hour (a payment we recorded at
    /// charge time may carry our clock, not the processor's) and by the reconciler's reach around a payment — keyed by
    /// processor payment, for <see cref="UpsertAsync"/> and <see cref="TransactionReconciler"/>.
    /// </summary>
    public async Task<KnownTransactions> LoadKnownAsync(int barberId, DateTimeOffset? since, DateTimeOffset? until, CancellationToken cancellationToken)
    {
        var widen = TimeSpan.FromHours(1) + ReconciliationRules.Reach;
        // Widened without leaving the calendar: a since of 0001-01-01 (a caller's "everything") must not overflow.
        var from = since is { } s ? (s.UtcDateTime < DateTime.MinValue + widen ? DateTimeOffset.MinValue : s - widen) : (DateTimeOffset?)null;
        var to = until is { } u ? (u.UtcDateTime > DateTime.MaxValue - widen ? DateTimeOffset.MaxValue : u + widen) : (DateTimeOffset?)null;
        var known = new KnownTransactions(barberId, from, to);
        var filter = ExternalTransactionRows.Filter(barberId, from, to);
        await foreach (var entity in Ledger.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
            known.Remember(ExternalKey(entity.GetString("ProcessorType") ?? "", entity.GetString("ExternalTransactionId") ?? ""), entity);
        return known;
    }

    /// <summary>
    /// Marks the barber's transactions as changed (a new ETag on their stamp row), so every instance's cached list of
    /// them (<see cref="ExternalTransactionReader"/>) is read again. Every write of transactions ends with it.
    /// </summary>
    public Task TouchAsync(int barberId, CancellationToken cancellationToken) =>
        Ledger.UpsertEntityAsync(new TableEntity(LedgerPartition.For(barberId), ExternalTransactionRows.StampRow), TableUpdateMode.Replace, cancellationToken);

    public async Task<ExternalTransaction?> GetAsync(int transactionId, CancellationToken cancellationToken)
    {
        var entry = await lookup.FindAsync(LookupKind, transactionId.ToString(CultureInfo.InvariantCulture), cancellationToken);
        return entry?.Row is { } row ? await ReadAsync(entry.BarberId, row, cancellationToken) : null;
    }

    public async Task<ExternalTransaction?> FindAsync(string processorType, string externalId, CancellationToken cancellationToken)
    {
        var entry = await lookup.FindAsync(ExternalLookupKind, ExternalKey(processorType, externalId), cancellationToken);
        return entry?.Row is { } row ? await ReadAsync(entry.BarberId, row, cancellationToken) : null;
    }

    /// <summary>The barber's transactions processed in [since, until], newest first.</summary>
    public async IAsyncEnumerable<ExternalTransaction> QueryAsync(int barberId, DateTimeOffset? since, DateTimeOffset? until,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var entity in Ledger.QueryAsync<TableEntity>(ExternalTransactionRows.Filter(barberId, since, until), cancellationToken: cancellationToken))
        {
            var transaction = ExternalTransactionRows.FromEntity(entity);
            if ((since is null || transaction.ProcessedAt >= since) && (until is null || transaction.ProcessedAt <= until)) yield return transaction;
        }
    }

    private async Task<ExternalTransaction?> ReadAsync(int barberId, string row, CancellationToken cancellationToken)
    {
        var found = await Ledger.GetEntityIfExistsAsync<TableEntity>(LedgerPartition.For(barberId), row, cancellationToken: cancellationToken);
        return found.HasValue ? ExternalTransactionRows.FromEntity(found.Value!) : null;
    }

    private const int MaxBatch = 100;

    // Below this many new payments, ids come from the instance's cached block and lookups are claimed one by one.
    private const int SmallBatch = 4;

    private enum UpsertKind { New, Updated, Unchanged, ClaimedElsewhere }

    private async Task<List<(ExternalTransaction Stored, UpsertKind Kind, ExternalTransaction? Before)>> UpsertChunkAsync(
        int barberId, IReadOnlyList<ExternalTransaction> chunk, KnownTransactions? known, CancellationToken cancellationToken)
    {
        var results = new List<(ExternalTransaction, UpsertKind, ExternalTransaction?)>(chunk.Count);
        var now = clock.GetUtcNow();
        var writes = new List<(ExternalTransaction Observed, TableTransactionAction Action, ExternalTransaction Result, UpsertKind Kind, ExternalTransaction? Before, string Key)>();
        var unknown = new List<ExternalTransaction>();
        var oneByOne = new List<ExternalTransaction>();

        foreach (var observed in chunk)
        {
            var key = ExternalKey(observed.ProcessorType, observed.ExternalTransactionId);
            if (known is not null && known.BarberId == barberId && known.TryGet(key, out var entity))
            {
                var before = ExternalTransactionRows.FromEntity(entity);
                var after = before.Absorb(observed);
                if (after.SameAs(before)) { results.Add((before, UpsertKind.Unchanged, before)); continue; }
                after = after with { UpdatedAt = now };
                var replacement = Rekeyed(after, entity.RowKey);
                replacement.ETag = entity.ETag;
                writes.Add((observed, new TableTransactionAction(TableTransactionActionType.UpdateReplace, replacement, entity.ETag), after, UpsertKind.Updated, before, key));
            }
            else
            {
                unknown.Add(observed);
            }
        }

        if (unknown.Count > 0)
        {
            // Fresh ids; each payment's id lookup and its first-claim external lookup are claimed together (one round of
            // entity-group transactions). A lost external claim leaves an id nobody shows; a crash after the external
            // claim and before the row leaves a claim the next upsert completes (row and id lookup, UpsertOneAsync).
            IReadOnlyList<long> fresh = unknown.Count <= SmallBatch
                ? [.. await Task.WhenAll(unknown.Select(_ => ids.NextAsync(IdSequence, cancellationToken)))]
                : await ids.NextManyAsync(IdSequence, unknown.Count, cancellationToken);
            var mine = unknown.Select((t, i) => (Observed: t, Key: ExternalKey(t.ProcessorType, t.ExternalTransactionId),
                Entry: new LookupEntry(barberId, fresh[i], ExternalTransactionRows.RowKey(t.ProcessedAt, (int)fresh[i])))).ToList();
            var holders = await lookup.ClaimManyAsync([
                .. mine.Select(m => (LookupKind, m.Entry.ObjectId!.Value.ToString(CultureInfo.InvariantCulture), m.Entry)),
                .. mine.Select(m => (ExternalLookupKind, m.Key, m.Entry))], cancellationToken);
            foreach (var (observed, key, entry) in mine)
            {
                var holder = holders[(ExternalLookupKind, key)];
                if (holder.BarberId != barberId || holder.Row is null) { results.Add((observed, UpsertKind.ClaimedElsewhere, null)); continue; }
                if (holder.ObjectId != entry.ObjectId) { oneByOne.Add(observed); continue; } // stored before, not in `known`
                var added = observed with { Id = (int)entry.ObjectId!.Value, FirstSeenAt = now, UpdatedAt = now };
                writes.Add((observed, new TableTransactionAction(TableTransactionActionType.Add, Rekeyed(added, entry.Row!)), added, UpsertKind.New, null, key));
            }
        }

        if (writes.Count > 0)
        {
            try
            {
                var response = await Ledger.SubmitTransactionAsync(writes.Select(w => w.Action), cancellationToken);
                for (var i = 0; i < writes.Count; i++)
                {
                    var w = writes[i];
                    results.Add((w.Result, w.Kind, w.Before));
                    var entity = (TableEntity)w.Action.Entity;
                    if (response.Value[i].Headers.ETag is { } etag) entity.ETag = etag;
                    known?.Remember(w.Key, entity);
                }
            }
            catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412 or 404)
            {
                // Another writer (a webhook, our own payment path, a concurrent sync) changed a row since it was read, or
                // a row exists already: nothing of the batch was written. Each payment alone, merged with what is stored.
                oneByOne.AddRange(writes.Select(w => w.Observed));
            }
        }

        foreach (var observed in oneByOne)
        {
            var one = await UpsertOneAsync(observed, cancellationToken);
            results.Add(one);
            if (known is not null && one.Kind != UpsertKind.ClaimedElsewhere) known.Forget(ExternalKey(observed.ProcessorType, observed.ExternalTransactionId));
        }
        return results;
    }

    private async Task<(ExternalTransaction Stored, UpsertKind Kind, ExternalTransaction? Before)> UpsertOneAsync(ExternalTransaction observed, CancellationToken cancellationToken)
    {
        var externalKey = ExternalKey(observed.ProcessorType, observed.ExternalTransactionId);
        var owner = await lookup.FindAsync(ExternalLookupKind, externalKey, cancellationToken);
        if (owner is null)
        {
            // The external claim decides (first claim wins); the id's own lookup is claimed with the row below.
            var id = (int)await ids.NextAsync(IdSequence, cancellationToken);
            var mine = new LookupEntry(observed.BarberId, id, ExternalTransactionRows.RowKey(observed.ProcessedAt, id));
            owner = await lookup.ClaimAsync(ExternalLookupKind, externalKey, mine, cancellationToken);
        }
        if (owner.BarberId != observed.BarberId || owner.Row is null) return (observed, UpsertKind.ClaimedElsewhere, null);

        var transactionId = (int)(owner.ObjectId ?? 0);
        var now = clock.GetUtcNow();
        return await Ledger.UpdateAsync(LedgerPartition.For(observed.BarberId), owner.Row, async (existing, ct) =>
        {
            if (existing is null)
            {
                // A claim whose row is missing (a crash after a batched claim) may lack its id lookup too: claims are
                // idempotent, so make sure of it before the row shows the id.
                await lookup.ClaimAsync(LookupKind, transactionId.ToString(CultureInfo.InvariantCulture), owner, ct);
                var added = observed with { Id = transactionId, FirstSeenAt = now, UpdatedAt = now };
                return EntityChanges.Write(Rekeyed(added, owner.Row), (added, UpsertKind.New, (ExternalTransaction?)null));
            }
            var before = ExternalTransactionRows.FromEntity(existing);
            var merged = before.Absorb(observed);
            if (merged.SameAs(before)) return EntityChanges.Keep((before, UpsertKind.Unchanged, (ExternalTransaction?)before));
            merged = merged with { UpdatedAt = now };
            return EntityChanges.Write(Rekeyed(merged, owner.Row), (merged, UpsertKind.Updated, (ExternalTransaction?)before));
        }, cancellationToken);
    }

    private static ConnectionActivity Counted(ConnectionActivity sofar, ExternalTransaction? before, ExternalTransaction after) => sofar.Add(
        before?.Succeeded ?? false, before?.NetVolume ?? Money.Zero(after.Amount.Currency), after.Succeeded, after.NetVolume, after.ProcessedAt);

    // The row a transaction was first claimed under stays its row, whatever a later observation says of its time.
    private static TableEntity Rekeyed(ExternalTransaction transaction, string row)
    {
        var entity = ExternalTransactionRows.ToEntity(transaction);
        entity.RowKey = row;
        return entity;
    }
}
