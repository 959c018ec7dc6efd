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
public sealed class ExternalTransactionStore(StorageAccount storage, IdAllocator ids, GlobalLookup lookup, ConnectionStore connections, TimeProvider clock)
{
    public const string IdSequence = "external-transaction";
    public const string LookupKind = "external-transaction";
    public const string ExternalLookupKind = "external-payment";

    private TableClient Ledger => storage.Table(storage.Names.Ledger);

    public static string ExternalKey(string processorType, string externalId) => $"{processorType}|{externalId}";

    /// <summary>Stores what was observed of each processor payment (Id ignored: the store assigns or finds it).</summary>
    public async Task<UpsertOutcome> UpsertAsync(IReadOnlyList<ExternalTransaction> observed, CancellationToken cancellationToken)
    {
        var stored = new List<ExternalTransaction>(observed.Count);
        int created = 0, updated = 0, unchanged = 0, elsewhere = 0;
        var activity = new Dictionary<(int Barber, int Connection), ConnectionActivity>();
        foreach (var transaction in observed)
        {
            var (result, kind, before) = await UpsertOneAsync(transaction, cancellationToken);
            switch (kind)
            {
                case UpsertKind.ClaimedElsewhere: elsewhere++; continue;
                case UpsertKind.New: created++; break;
                case UpsertKind.Updated: updated++; break;
                default: unchanged++; break;
            }
            stored.Add(result);
            if (kind == UpsertKind.Unchanged) continue;
            var key = (result.BarberId, result.ConnectionId);
            activity[key] = Counted(activity.TryGetValue(key, out var sofar) ? sofar : ConnectionActivity.None, before, result);
        }
        foreach (var ((barberId, connectionId), change) in activity)
            if (!change.IsEmpty) await connections.RecordActivityAsync(barberId, connectionId, change, cancellationToken);
        foreach (var barberId in activity.Keys.Select(k => k.Barber).Distinct()) await TouchAsync(barberId, cancellationToken);
        return new UpsertOutcome(stored, created, updated, unchanged, elsewhere);
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

    private enum UpsertKind { New, Updated, Unchanged, ClaimedElsewhere }

    private async Task<(ExternalTransaction Stored, UpsertKind Kind, ExternalTransaction? Before)> UpsertOneAsync(ExternalTransaction observed, CancellationToken cancellationToken)
    {
        var externalKey = ExternalKey(observed.ProcessorType, observed.ExternalTransactionId);
        var owner = await lookup.FindAsync(ExternalLookupKind, externalKey, cancellationToken);
        if (owner is null)
        {
            // The id's own lookup first: losing the external claim below leaves an id nobody shows, never a shown id without a row.
            var id = (int)await ids.NextAsync(IdSequence, cancellationToken);
            var mine = new LookupEntry(observed.BarberId, id, ExternalTransactionRows.RowKey(observed.ProcessedAt, id));
            await lookup.ClaimAsync(LookupKind, id.ToString(CultureInfo.InvariantCulture), mine, cancellationToken);
            owner = await lookup.ClaimAsync(ExternalLookupKind, externalKey, mine, cancellationToken);
        }
        if (owner.BarberId != observed.BarberId || owner.Row is null) return (observed, UpsertKind.ClaimedElsewhere, null);

        var transactionId = (int)(owner.ObjectId ?? 0);
        var now = clock.GetUtcNow();
        return await Ledger.UpdateAsync(LedgerPartition.For(observed.BarberId), owner.Row, existing =>
        {
            if (existing is null)
            {
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
