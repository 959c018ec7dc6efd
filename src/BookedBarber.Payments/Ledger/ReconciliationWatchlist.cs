using System.Collections.Concurrent;
using System.Globalization;
using BookedBarber.Payments.Storage;

namespace BookedBarber.Payments.Ledger;

/// <summary>
/// The barber-hours in which payment attempts were recorded and may still be pending: where the reconciler looks.
/// An hour is noted (one conditional insert in the global lookup) before the first attempt of that barber in that
/// hour is recorded, and this instance remembers it, so a barber's later attempts that hour cost no write. The
/// reconciler forgets an hour once it has ended long ago and none of its attempts is pending.
/// </summary>
public sealed class ReconciliationWatchlist(GlobalLookup lookup)
{
    public const string LookupKind = "payment-hours";

    /// <summary>How long after its end an hour stays on the list even when all its attempts are settled: far longer than any request.</summary>
    public static readonly TimeSpan KeepAfterHourEnds = TimeSpan.FromHours(1);

    private readonly ConcurrentDictionary<(int BarberId, long Hour), Lazy<Task>> _noted = new();
    private long _prunedBefore;

    /// <summary>Puts the hour of <paramref name="at"/> on the list for the barber (once per instance), before an attempt of that hour is recorded.</summary>
    public async Task NoteAsync(int barberId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var hour = HourOf(at);
        var note = _noted.GetOrAdd((barberId, hour.UtcTicks), key => new Lazy<Task>(() =>
            lookup.ClaimAsync(LookupKind, Key(key.BarberId, hour), new LookupEntry(key.BarberId, key.Hour), CancellationToken.None)));
        try
        {
            await note.Value.WaitAsync(cancellationToken);
        }
        catch (Exception) when (note.Value.IsFaulted)
        {
            // Not written: the next attempt tries again.
            _noted.TryRemove(new KeyValuePair<(int, long), Lazy<Task>>((barberId, hour.UtcTicks), note));
            throw;
        }
        Prune(hour);
    }

    /// <summary>Every listed barber-hour (its start).</summary>
    public async IAsyncEnumerable<(int BarberId, DateTimeOffset Hour)> ListAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var (_, entry) in lookup.ListAsync(LookupKind, cancellationToken))
            if (entry.ObjectId is { } ticks) yield return (entry.BarberId, new DateTimeOffset(ticks, TimeSpan.Zero));
    }

    /// <summary>Whether an hour is over long enough ago that no attempt of it can still be on its way to the ledger.</summary>
    public static bool CanForget(DateTimeOffset hour, DateTimeOffset now) => hour + TimeSpan.FromHours(1) + KeepAfterHourEnds <= now;

    public Task ForgetAsync(int barberId, DateTimeOffset hour, CancellationToken cancellationToken) =>
        lookup.ReleaseAsync(LookupKind, Key(barberId, hour), cancellationToken);

    public static DateTimeOffset HourOf(DateTimeOffset at) => new(at.UtcTicks - at.UtcTicks % TimeSpan.TicksPerHour, TimeSpan.Zero);

    private static string Key(int barberId, DateTimeOffset hour) =>
        $"{hour.UtcDateTime.ToString("yyyyMMddHH", CultureInfo.InvariantCulture)}-{barberId.ToString(CultureInfo.InvariantCulture)}";

    // Only the current hours matter: once per new hour, an instance drops what it remembers of hours before the last one.
    private void Prune(DateTimeOffset current)
    {
        var cutoff = current.UtcTicks - TimeSpan.TicksPerHour;
        var prunedBefore = Interlocked.Read(ref _prunedBefore);
        if (cutoff <= prunedBefore || Interlocked.CompareExchange(ref _prunedBefore, cutoff, prunedBefore) != prunedBefore) return;
        foreach (var key in _noted.Keys)
            if (key.Hour < cutoff) _noted.TryRemove(key, out _);
    }
}
