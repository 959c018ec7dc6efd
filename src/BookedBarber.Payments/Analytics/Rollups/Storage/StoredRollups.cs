using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using BookedBarber.Payments.Storage;

namespace BookedBarber.Payments.Analytics.Rollups.Storage;

/// <summary>
/// What <see cref="RollupReader"/> reads once a barber's months are built: the stored days before today (one range query
/// over ~one row a month) and today computed live from today's span of the ledger, returning clients from the stored
/// first paid days. Null when the months are not built (the reader then computes everything from the ledger).
/// </summary>
/// <remarks>
/// Today's live figures are kept per instance for at most <see cref="KeepTodayFor"/> and dropped at once when this
/// instance writes to the barber's ledger (<see cref="Forget"/>, from <see cref="AnalyticsLedgerChanges"/>, which holds the cache, not this reader: the
/// ledger it reads notifies it), so a burst
/// of dashboard reads costs one ledger read, and a payment made here shows on the next read. Concurrent readers share
/// one computation.
/// </remarks>
public sealed class StoredRollups(RollupStore store, LedgerSnapshotReader ledger, [FromKeyedServices(StoredRollups.CachePurpose)] IMemoryCache todays)
{
    public const string CachePurpose = "analytics-today";

    public const long MaxCachedBarbers = 10_000;

    /// <summary>How long another instance's payment may take to show in today's figures read here.</summary>
    public static readonly TimeSpan KeepTodayFor = TimeSpan.FromSeconds(5);

    private sealed record Today(DateOnly Day, string Zone, Task<IReadOnlyList<DailyRollup>> Rollups);

    public async Task<IReadOnlyList<DailyRollup>?> ReadAsync(BarberCalendar calendar, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var today = calendar.Today;
        if (!await store.IsBuiltAsync(calendar.BarberId, calendar.Zone, cancellationToken)) return null;
        var days = new List<DailyRollup>();
        var yesterday = today.AddDays(-1);
        if (from <= yesterday)
            days.AddRange(await store.ReadDaysAsync(calendar.BarberId, from, to < yesterday ? to : yesterday, cancellationToken));
        if (to < today) return days;
        days.AddRange(await TodayAsync(calendar));
        return days;
    }

    /// <summary>Drops this instance's copy of the barber's today (their ledger changed) from the cache of <see cref="CachePurpose"/>.</summary>
    public static void Forget(IMemoryCache todays, int barberId)
    {
        todays.Remove(barberId);
        todays.Remove(RecentKey(barberId));
    }

    /// <summary>The key under which the dashboard keeps the barber's newest payments in the same cache (dropped with today).</summary>
    public static object RecentKey(int barberId) => (barberId, "recent");

    private Task<IReadOnlyList<DailyRollup>> TodayAsync(BarberCalendar calendar)
    {
        if (todays.TryGetValue(calendar.BarberId, out Today? kept) && kept!.Day == calendar.Today && kept.Zone == calendar.Zone.Id && !kept.Rollups.IsFaulted)
            return kept.Rollups;
        var computing = ComputeTodayAsync(calendar);
        todays.Keep(calendar.BarberId, new Today(calendar.Today, calendar.Zone.Id, computing), KeepTodayFor);
        return computing;
    }

    // Not cancellable by one caller: other readers may be waiting on the same computation.
    private async Task<IReadOnlyList<DailyRollup>> ComputeTodayAsync(BarberCalendar calendar)
    {
        var today = calendar.Today;
        var snapshot = await ledger.ReadAsync(calendar.BarberId, calendar.StartOf(today), calendar.EndOf(today), CancellationToken.None);
        var spanFirst = DailyRollupCalculator.FirstPaidDays(snapshot, calendar.Zone);
        var clients = spanFirst.Keys.Concat(snapshot.ClientOfAppointment.Values).Concat(snapshot.Transactions.Where(t => t.ClientId is not null).Select(t => t.ClientId!.Value));
        var firstPaid = await store.ReadFirstPaidAsync(calendar.BarberId, clients.ToHashSet(), CancellationToken.None);
        foreach (var (client, day) in spanFirst)
            if (!firstPaid.TryGetValue(client, out var had) || day < had) firstPaid[client] = day;
        return DailyRollupCalculator.Compute(snapshot, calendar.Zone, firstPaid, today, today);
    }
}
