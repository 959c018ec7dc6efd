using BookedBarber.Payments.Analytics.Peers;
using BookedBarber.Payments.Errors;
using BookedBarber.Payments.Queues;

namespace BookedBarber.Payments.Analytics.Rollups.Storage;

/// <summary>
/// Handles <c>analytics-rollup</c>: a rebuild, or the local days of a ledger change recomputed from just that span of
/// the ledger and merged into the month rows (<see cref="RollupStore.MergeDaysAsync"/>: under ETags, the latest ledger read
/// of a day wins, so concurrent handlers lose nothing). Idempotent: the same span computed twice writes the same days.
/// </summary>
public sealed class AnalyticsRollupHandler(
    RollupRebuilder rebuilder, RollupStore store, LedgerSnapshotReader ledger, PeerMonthStore peers, RollupReader reader, TimeProvider clock) : IQueueHandler
{
    /// <summary>The longest span one message recomputes; a longer one is a rebuild (cheaper than many month merges).</summary>
    public static readonly TimeSpan MaxSpan = TimeSpan.FromDays(62);

    public async Task HandleAsync(QueueDelivery delivery, CancellationToken cancellationToken)
    {
        var message = delivery.Read<AnalyticsRollupMessage>();
        if (message.BarberId <= 0) throw DomainException.Validation("barber_id", "barber_id must be a positive integer.");
        if (message.Rebuild || message.From is null || message.To is null || (message.To - message.From)?.Duration() > MaxSpan)
        {
            await rebuilder.RebuildAsync(message.BarberId, cancellationToken);
            return;
        }
        await UpdateAsync(message.BarberId, message.From.Value, message.To.Value, cancellationToken);
    }

    /// <summary>Recomputes the local days the instants <paramref name="from"/>..<paramref name="to"/> fall on.</summary>
    public async Task UpdateAsync(int barberId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        if (to < from) (from, to) = (to, from);
        var calendar = await reader.CalendarAsync(barberId, cancellationToken);
        var moved = await UpdateDaysAsync(calendar, calendar.DayOf(from), calendar.DayOf(to), cancellationToken);
        // A client whose first paid day moved earlier now returns on the day they used to have first: recompute those days
        // (after the first paid days were stored, so their read sees the new ones and wins over any older computation).
        foreach (var day in moved)
            await UpdateDaysAsync(calendar, day, day, cancellationToken);
    }

    /// <summary>Recomputes local days from..to; returns the days outside them that clients' moved first paid days touch.</summary>
    private async Task<IReadOnlyList<DateOnly>> UpdateDaysAsync(BarberCalendar calendar, DateOnly fromDay, DateOnly toDay, CancellationToken cancellationToken)
    {
        var (barberId, zone) = (calendar.BarberId, calendar.Zone);
        var readAt = clock.GetUtcNow();
        var snapshot = await ledger.ReadAsync(barberId, calendar.StartOf(fromDay), calendar.EndOf(toDay), cancellationToken);

        // Returning clients need each client's first paid day over the whole history: stored first (only ever earlier),
        // then read back for every client of the span.
        var spanFirst = DailyRollupCalculator.FirstPaidDays(snapshot, zone);
        var moved = await store.MergeFirstPaidAsync(barberId, spanFirst, cancellationToken);
        var clients = spanFirst.Keys.Concat(snapshot.ClientOfAppointment.Values).Concat(snapshot.Transactions.Where(t => t.ClientId is not null).Select(t => t.ClientId!.Value));
        var firstPaid = await store.ReadFirstPaidAsync(barberId, clients.ToHashSet(), cancellationToken);
        foreach (var (client, day) in spanFirst)
            if (!firstPaid.TryGetValue(client, out var had) || day < had) firstPaid[client] = day;

        var days = DailyRollupCalculator.Compute(snapshot, zone, firstPaid, fromDay, toDay);
        var changed = await store.MergeDaysAsync(barberId, fromDay, toDay, days, readAt, cancellationToken);
        var at = clock.GetUtcNow();
        foreach (var (month, monthDays) in changed)
            await peers.PutAsync(RollupPeers.Of(barberId, month, monthDays, zone, at), cancellationToken);
        return moved.Values.Where(d => d < fromDay || d > toDay).Distinct().ToList();
    }
}
