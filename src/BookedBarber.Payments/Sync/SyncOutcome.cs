namespace BookedBarber.Payments.Sync;

/// <summary>
/// What one sync run did. <see cref="Synced"/> = <see cref="New"/> + <see cref="Updated"/> (payments whose record changed;
/// re-seen unchanged ones are <see cref="Unchanged"/>); <see cref="Errors"/> counts payments that could not be stored
/// (claimed by another barber). <see cref="CompletedAt"/> is null when the run stopped part-way and
/// <see cref="ContinuesInBackground"/> says the rest is on the queue.
/// </summary>
public sealed record SyncOutcome(
    DateTimeOffset StartedAt,
    DateTimeOffset? CompletedAt,
    int New,
    int Updated,
    int Unchanged,
    int Errors,
    int Pages,
    bool ContinuesInBackground)
{
    public int Synced => New + Updated;
}
