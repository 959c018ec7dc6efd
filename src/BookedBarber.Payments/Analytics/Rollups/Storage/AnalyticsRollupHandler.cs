using BookedBarber.Payments.Analytics.Peers;
using BookedBarber.Payments.Booking;
using BookedBarber.Payments.Errors;
using BookedBarber.Payments.Queues;

namespace BookedBarber.Payments.Analytics.Rollups.Storage;

/// <summary>
/// Handles <c>analytics-rollup</c>: a rebuild, or the local days of a ledger change recomputed from just that span of
/// the ledger and merged into the month rows under their ETags (so concurrent handlers keep each other's days).
/// Idempotent: the same span computed twice writes the same rows.
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
        if (message.Rebuild || message.From is null || message.To is null || message.To - message.From > MaxSpan)
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
        var zone = calendar.Zone;
        var (fromDay, toDay) = (calendar.DayOf(from), calendar.DayOf(to));
        var snapshot = await ledger.ReadAsync(barberId, calendar.StartOf(fromDay), calendar.EndOf(toDay), cancellationToken);

        // Returning clients need each client's first paid day over the whole history: the stored one, or this span's if earlier.
        var spanFirst = DailyRollupCalculator.FirstPaidDays(snapshot, zone);
        var clients = spanFirst.Keys.Concat(snapshot.ClientOfAppointment.Values).ToHashSet();
        var firstPaid = await store.ReadFirstPaidAsync(barberId, clients, cancellationToken);
        foreach (var (client, day) in spanFirst)
            if (!firstPaid.TryGetValue(client, out var had) || day < had) firstPaid[client] = day;
        var days = DailyRollupCalculator.Compute(snapshot, zone, firstPaid, fromDay, toDay);

        // First the first paid days, then the months: a crash between them under-counts a returning client until the
        // nightly rebuild, never counts one twice.
        var moved = await store.MergeFirstPaidAsync(barberId, spanFirst, cancellationToken);
        var oldDays = moved.Where(m => m.Value < fromDay || m.Value > toDay).ToList();
        Func<DailyRollup, DailyRollup>? returning = oldDays.Count == 0 ? null : d =>
        {
            // A client whose first paid day moved earlier than d.Day, who had first paid on d.Day, returns on d.Day now.
            var now = oldDays.Count(m => m.Value == d.Day && d.ClientIds.Contains(m.Key));
            return now == 0 ? d : d with { ReturningClients = d.ReturningClients + now };
        };
        var changed = await store.MergeDaysAsync(barberId, fromDay, toDay, days, returning, cancellationToken, oldDays.Select(m => m.Value));
        var at = clock.GetUtcNow();
        foreach (var (month, monthDays) in changed)
            await peers.PutAsync(RollupPeers.Of(barberId, month, monthDays, zone, at), cancellationToken);
    }
}
