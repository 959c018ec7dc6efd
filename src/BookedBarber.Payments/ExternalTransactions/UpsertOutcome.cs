namespace BookedBarber.Payments.ExternalTransactions;

/// <summary>
/// What an upsert did: the stored transactions (after merging), how many were new, updated or already as observed, and
/// how many another barber had claimed first (a processor payment belongs to one barber).
/// </summary>
public sealed record UpsertOutcome(IReadOnlyList<ExternalTransaction> Stored, int New, int Updated, int Unchanged, int ClaimedElsewhere)
{
    public static readonly UpsertOutcome None = new([], 0, 0, 0, 0);

    /// <summary>
    /// The change to each connection's totals, when the caller asked to record it itself (a sync run records it while it
    /// reads the next page); empty when the store recorded it.
    /// </summary>
    public IReadOnlyDictionary<(int BarberId, int ConnectionId), Connections.ConnectionActivity> Activity { get; init; } =
        new Dictionary<(int BarberId, int ConnectionId), Connections.ConnectionActivity>();
}
