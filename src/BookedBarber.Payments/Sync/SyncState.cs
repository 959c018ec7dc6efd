namespace BookedBarber.Payments.Sync;

/// <summary>
/// A connection's sync bookkeeping (one row in the barber's ledger partition): who holds the lease and until when; the
/// checkpoint (every payment created before it was seen by a completed run); and an unfinished run's window and cursor,
/// which the next run resumes.
/// </summary>
public sealed record SyncState(
    string? LeaseOwner = null,
    DateTimeOffset? LeaseExpiresAt = null,
    DateTimeOffset? LeaseTakenAt = null,
    DateTimeOffset? Checkpoint = null,
    DateTimeOffset? RunBegin = null,
    DateTimeOffset? RunEnd = null,
    string? Cursor = null,
    DateTimeOffset? LastCompletedAt = null)
{
    public static readonly SyncState None = new();

    public bool LeasedAt(DateTimeOffset now) => LeaseOwner is not null && LeaseExpiresAt > now;

    /// <summary>Whether a run stopped part-way (a manual request's budget, a crash) and left a window to resume.</summary>
    public bool Unfinished => RunBegin is not null && RunEnd is not null;
}
