using Azure.Data.Tables;

namespace BookedBarber.Payments.ExternalTransactions;

/// <summary>
/// A barber's stored transactions of a time window, read once by <see cref="ExternalTransactionStore.LoadKnownAsync"/>
/// and kept current by the upserts given it (new ETags after each write), so a sync run re-seeing payments it stored
/// merges them without a lookup read. Only a shortcut: a payment it lacks is found through the first-claim lookup.
/// Not thread-safe: one sync run uses it at a time.
/// </summary>
public sealed class KnownTransactions(int barberId)
{
    private readonly Dictionary<string, TableEntity> _rows = new(StringComparer.Ordinal);

    public int BarberId { get; } = barberId;

    public int Count => _rows.Count;

    internal bool TryGet(string externalKey, out TableEntity entity) => _rows.TryGetValue(externalKey, out entity!);

    internal void Remember(string externalKey, TableEntity entity) => _rows[externalKey] = entity;

    internal void Forget(string externalKey) => _rows.Remove(externalKey);
}
