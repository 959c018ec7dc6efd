using System.Diagnostics;
using BookedBarber.Payments.Analytics.Peers;
using BookedBarber.Payments.Booking;

namespace BookedBarber.Payments.Analytics.Rollups.Storage;

/// <summary>
/// Recomputes a barber's stored rollups from the whole ledger: writes only the months whose rows differ, deletes months
/// that no longer have days, replaces the clients' first paid days, and writes the barber's <see cref="PeerMonth"/> of
/// each month changed. Idempotent: a second rebuild over the same ledger writes nothing.
/// </summary>
public sealed class RollupRebuilder(LedgerSnapshotReader ledger, RollupStore store, PeerMonthStore peers, BookingDirectory bookings, TimeProvider clock)
{
    public async Task<RollupRebuild> RebuildAsync(int barberId, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var zone = await bookings.TimeZoneOfBarberAsync(barberId, cancellationToken);
        var readAt = clock.GetUtcNow();
        var snapshot = await ledger.ReadAsync(barberId, null, null, cancellationToken);
        var firstPaid = DailyRollupCalculator.FirstPaidDays(snapshot, zone);
        var days = DailyRollupCalculator.Compute(snapshot, zone, firstPaid);

        var stored = new Dictionary<string, string>();
        await foreach (var row in store.ReadMonthRowsAsync(barberId, null, null, cancellationToken)) stored[row.RowKey] = RollupMonthCodec.TextOf(row);

        // First paid days first, as incremental updates do: an update racing this rebuild then reads them.
        await store.ReplaceFirstPaidAsync(barberId, firstPaid, cancellationToken);
        var written = 0;
        var now = clock.GetUtcNow();
        var months = days.GroupBy(d => new DateOnly(d.Day.Year, d.Day.Month, 1)).ToDictionary(g => g.Key, g => (IReadOnlyList<DailyRollup>)g.ToList());
        foreach (var (month, monthDays) in months)
        {
            if (stored.TryGetValue(RollupMonthCodec.RowKey(month), out var had) && had == RollupMonthCodec.Encode(monthDays)) continue;
            // Merged like an incremental update: a day an update computed from a later ledger read than ours is kept.
            var changed = await store.MergeDaysAsync(barberId, month, month.AddMonths(1).AddDays(-1), monthDays, readAt, cancellationToken);
            foreach (var (m, kept) in changed) await peers.PutAsync(RollupPeers.Of(barberId, m, kept, zone, now), cancellationToken);
            written++;
        }
        foreach (var rowKey in stored.Keys.Where(k => !months.ContainsKey(RollupMonthCodec.MonthOf(k))))
        {
            await store.DeleteMonthAsync(barberId, rowKey, cancellationToken);
            // The month has no payments any more: its peer row says so (zeros) rather than keeping the old figures.
            await peers.PutAsync(RollupPeers.Of(barberId, RollupMonthCodec.MonthOf(rowKey), [], zone, now), cancellationToken);
            written++;
        }
        await store.MarkBuiltAsync(barberId, zone, now, cancellationToken);
        return new RollupRebuild(barberId, written, days.Select(d => d.Day).Distinct().Count(), snapshot.Attempts.Count + snapshot.Transactions.Count,
            (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }
}
