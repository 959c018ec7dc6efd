using System.Globalization;
using Azure.Data.Tables;
using BookedBarber.Payments.Ledger;
using BookedBarber.Payments.Storage;

namespace BookedBarber.Payments.Sync;

/// <summary>
/// The lease and checkpoint of each connection's sync, ETag-guarded (<see cref="OptimisticUpdate"/>): one run per
/// connection at a time across instances. A lease expires unless renewed (each page renews it), so a crashed run frees
/// its connection; a run that finds its lease taken stops.
/// </summary>
public sealed class SyncStateStore(StorageAccount storage)
{
    private const string RowPrefix = "sync-";

    private TableClient Ledger => storage.Table(storage.Names.Ledger);

    public async Task<SyncState> GetAsync(int barberId, int connectionId, CancellationToken cancellationToken)
    {
        var found = await Ledger.GetEntityIfExistsAsync<TableEntity>(LedgerPartition.For(barberId), Row(connectionId), cancellationToken: cancellationToken);
        return found.HasValue ? FromEntity(found.Value!) : SyncState.None;
    }

    /// <summary>Takes the lease unless another owner holds an unexpired one. Returns whether it was taken, and the state.</summary>
    public Task<(bool Acquired, SyncState State)> TryAcquireAsync(int barberId, int connectionId, string owner, DateTimeOffset now, TimeSpan duration, CancellationToken cancellationToken) =>
        ChangeAsync(barberId, connectionId, state => state.LeasedAt(now) && state.LeaseOwner != owner
            ? (null, (false, state))
            : (state with { LeaseOwner = owner, LeaseExpiresAt = now + duration, LeaseTakenAt = now }, (true, state with { LeaseOwner = owner, LeaseExpiresAt = now + duration, LeaseTakenAt = now })),
            cancellationToken);

    /// <summary>Records how far the run got (its window and next cursor) and renews the lease; false when the lease was lost.</summary>
    public Task<bool> SaveProgressAsync(int barberId, int connectionId, string owner, DateTimeOffset begin, DateTimeOffset end, string? cursor,
        DateTimeOffset now, TimeSpan duration, CancellationToken cancellationToken) =>
        ChangeAsync(barberId, connectionId, state => state.LeaseOwner != owner
            ? (null, false)
            : (state with { RunBegin = begin, RunEnd = end, Cursor = cursor, LeaseExpiresAt = now + duration }, true),
            cancellationToken);

    /// <summary>
    /// Ends a complete run: the checkpoint moves to <paramref name="checkpoint"/> (never back; null: stays), the unfinished
    /// window is cleared, the lease released.
    /// </summary>
    public Task<bool> CompleteAsync(int barberId, int connectionId, string owner, DateTimeOffset? checkpoint, DateTimeOffset now, CancellationToken cancellationToken) =>
        ChangeAsync(barberId, connectionId, state => state.LeaseOwner != owner
            ? (null, false)
            : (state with
            {
                Checkpoint = checkpoint is not { } end || (state.Checkpoint is { } c && c > end) ? state.Checkpoint : end,
                RunBegin = null, RunEnd = null, Cursor = null,
                LeaseOwner = null, LeaseExpiresAt = null, LeaseTakenAt = null,
                LastCompletedAt = now,
            }, true),
            cancellationToken);

    /// <summary>Releases the lease and keeps the unfinished window for the run that continues it.</summary>
    public Task<bool> ReleaseAsync(int barberId, int connectionId, string owner, CancellationToken cancellationToken) =>
        ChangeAsync(barberId, connectionId, state => state.LeaseOwner != owner
            ? (null, false)
            : (state with { LeaseOwner = null, LeaseExpiresAt = null, LeaseTakenAt = null }, true),
            cancellationToken);

    private Task<T> ChangeAsync<T>(int barberId, int connectionId, Func<SyncState, (SyncState? Next, T Result)> change, CancellationToken cancellationToken)
    {
        var partition = LedgerPartition.For(barberId);
        var row = Row(connectionId);
        return Ledger.UpdateAsync(partition, row, existing =>
        {
            var (next, result) = change(existing is null ? SyncState.None : FromEntity(existing));
            return next is null ? EntityChanges.Keep(result) : EntityChanges.Write(ToEntity(partition, row, next), result);
        }, cancellationToken);
    }

    private static string Row(int connectionId) => RowPrefix + connectionId.ToString("D10", CultureInfo.InvariantCulture);

    private static TableEntity ToEntity(string partition, string row, SyncState s) => new(partition, row)
    {
        ["LeaseOwner"] = s.LeaseOwner,
        ["LeaseExpiresAt"] = s.LeaseExpiresAt,
        ["LeaseTakenAt"] = s.LeaseTakenAt,
        ["Checkpoint"] = s.Checkpoint,
        ["RunBegin"] = s.RunBegin,
        ["RunEnd"] = s.RunEnd,
        ["Cursor"] = s.Cursor,
        ["LastCompletedAt"] = s.LastCompletedAt,
    };

    private static SyncState FromEntity(TableEntity e) => new(
        e.GetString("LeaseOwner"),
        e.GetDateTimeOffset("LeaseExpiresAt"),
        e.GetDateTimeOffset("LeaseTakenAt"),
        e.GetDateTimeOffset("Checkpoint"),
        e.GetDateTimeOffset("RunBegin"),
        e.GetDateTimeOffset("RunEnd"),
        e.GetString("Cursor"),
        e.GetDateTimeOffset("LastCompletedAt"));
}
