using Azure.Data.Tables;

namespace BookedBarber.Payments.ExternalTransactions;

/// <summary>
/// A barber's stored transactions of a time window, read once by <see cref="ExternalTransactionStore.LoadKnownAsync"/>
/// and kept current by the upserts given it (new ETags after each write), so a sync run re-seeing payments it stored
/// merges them without a lookup read. Only a shortcut: a payment it lacks is found through the first-claim lookup.
/// Not thread-safe: one sync run uses it at a time.
/// </summary>
public sealed class KnownTransactions(int barberId, DateTimeOffset? loadedFrom = null, DateTimeOffset? loadedUntil = null)
{
    private readonly Dictionary<string, TableEntity> _rows = new(StringComparer.Ordinal);

    public int BarberId { get; } = barberId;

    public int Count => _rows.Count;

    /// <summary>
    /// Whether every stored transaction of [since, until] is here: the window it was loaded for holds it, and no row was
    /// forgotten since (a payment stored one by one after a conflict is not here).
    /// </summary>
    public bool Covers(DateTimeOffset since, DateTimeOffset until) =>
        !_forgotten && (loadedFrom is null || loadedFrom <= since) && (loadedUntil is null || loadedUntil >= until);

    private bool _forgotten;

    /// <summary>
    /// What the reconciler needs of the transactions processed in [since, until] (as current as the upserts that used
    /// this): those matched to a booking, and those of <paramref name="keys"/> (their earlier decision). Others are skipped
    /// unread, so a long run does not rebuild every neighbour of every page.
    /// </summary>
    internal IEnumerable<ExternalTransaction> MatchedOr(IReadOnlySet<string> keys, DateTimeOffset since, DateTimeOffset until)
    {
        foreach (var (key, row) in _rows)
        {
            if (row.GetString("ReconciliationStatus") != ReconciliationStatus.Matched && !keys.Contains(key)) continue;
            if (row.GetDateTimeOffset("ProcessedAt") is { } at && at >= since && at <= until) yield return ExternalTransactionRows.FromEntity(row);
        }
    }

    internal bool TryGet(string externalKey, out TableEntity entity) => _rows.TryGetValue(externalKey, out entity!);

    internal void Remember(string externalKey, TableEntity entity) => _rows[externalKey] = entity;

    internal void Forget(string externalKey)
    {
        _rows.Remove(externalKey);
        _forgotten = true;
    }
}
