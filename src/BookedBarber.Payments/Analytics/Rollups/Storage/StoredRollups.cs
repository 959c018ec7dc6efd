namespace BookedBarber.Payments.Analytics.Rollups.Storage;

/// <summary>
/// What <see cref="RollupReader"/> reads once a barber's months are built: the stored days before today (one range query
/// over ~one row a month) and today computed live from today's span of the ledger, returning clients from the stored
/// first paid days. Null when the months are not built (the reader then computes everything from the ledger).
/// </summary>
public sealed class StoredRollups(RollupStore store, LedgerSnapshotReader ledger)
{
    public async Task<IReadOnlyList<DailyRollup>?> ReadAsync(BarberCalendar calendar, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var today = calendar.Today;
        if (from >= today || !await store.IsBuiltAsync(calendar.BarberId, calendar.Zone, cancellationToken)) return null;
        var yesterday = today.AddDays(-1);
        var days = new List<DailyRollup>(await store.ReadDaysAsync(calendar.BarberId, from, to < yesterday ? to : yesterday, cancellationToken));
        if (to < today) return days;

        var snapshot = await ledger.ReadAsync(calendar.BarberId, calendar.StartOf(today), calendar.EndOf(to), cancellationToken);
        var spanFirst = DailyRollupCalculator.FirstPaidDays(snapshot, calendar.Zone);
        var clients = spanFirst.Keys.Concat(snapshot.ClientOfAppointment.Values).Concat(snapshot.Transactions.Where(t => t.ClientId is not null).Select(t => t.ClientId!.Value));
        var firstPaid = await store.ReadFirstPaidAsync(calendar.BarberId, clients.ToHashSet(), cancellationToken);
        foreach (var (client, day) in spanFirst)
            if (!firstPaid.TryGetValue(client, out var had) || day < had) firstPaid[client] = day;
        days.AddRange(DailyRollupCalculator.Compute(snapshot, calendar.Zone, firstPaid, today, to));
        return days;
    }
}
