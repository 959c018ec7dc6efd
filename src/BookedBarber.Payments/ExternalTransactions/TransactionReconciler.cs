using BookedBarber.Payments.Booking;
using BookedBarber.Payments.Configuration;

namespace BookedBarber.Payments.ExternalTransactions;

/// <summary>
/// Ties external transactions to the bookings they paid (<see cref="ReconciliationRules"/>): the appointment named in the
/// processor's reference, else the barber's appointment of the same amount near the payment's time. Matched transactions
/// bear commission; unmatched and ambiguous ones are listed and excluded until resolved.
/// </summary>
/// <remarks>
/// A batch costs one range read of the barber's appointment index and one of their stored transactions around the
/// batch's time span (what other transactions already matched), plus a point read (cached) per named appointment.
/// A decision equal to the stored one keeps its <c>reconciled_at</c>, so re-observing a payment writes nothing.
/// </remarks>
public sealed class TransactionReconciler(BookingDirectory bookings, ExternalTransactionStore store, PaymentsSettings settings, TimeProvider clock)
{
    /// <summary>The transactions with their booking match decided (those already matched are left as they are).</summary>
    /// <param name="known">A sync run's stored transactions around its window: read from there instead of storage when it covers the batch.</param>
    public async Task<IReadOnlyList<ExternalTransaction>> ReconcileAsync(int barberId, IReadOnlyList<ExternalTransaction> transactions, CancellationToken cancellationToken,
        KnownTransactions? known = null)
    {
        var open = transactions.Where(t => t.ReconciliationStatus != ReconciliationStatus.Matched).ToList();
        if (open.Count == 0) return transactions;
        var now = clock.GetUtcNow();

        var named = new Dictionary<int, Appointment?>();
        foreach (var id in open.Select(ReconciliationRules.NamedAppointment).OfType<int>().Distinct())
            named[id] = await bookings.GetAppointmentAsync(id, cancellationToken);

        var earliest = open.Min(t => t.ProcessedAt);
        var latest = open.Max(t => t.ProcessedAt);
        var nearby = await bookings.ListAppointmentsAsync(barberId,
            ReconciliationRules.StartWindow(earliest).From, ReconciliationRules.StartWindow(latest).To, cancellationToken);

        // Who already holds each appointment, and what was decided before: transactions that may have matched one of
        // the nearby appointments were paid within the window of its start.
        var claims = new Dictionary<int, HashSet<string>>();
        var stored = new Dictionary<string, ExternalTransaction>();
        var since = earliest - ReconciliationRules.Reach;
        var until = latest + ReconciliationRules.Reach;
        var around = known is not null && known.BarberId == barberId && known.Covers(since, until)
            ? known.MatchedOr(open.Select(Key).ToHashSet(StringComparer.Ordinal), since, until).ToAsyncEnumerable()
            : store.QueryAsync(barberId, since, until, cancellationToken);
        await foreach (var other in around)
        {
            var key = Key(other);
            stored[key] = other;
            if (other is { ReconciliationStatus: ReconciliationStatus.Matched, AppointmentId: { } held }) Claim(claims, held, key);
        }

        var decided = new Dictionary<ExternalTransaction, ExternalTransaction>(ReferenceEqualityComparer.Instance);
        foreach (var transaction in open.OrderBy(t => t.ProcessedAt))
        {
            var key = Key(transaction);
            var name = ReconciliationRules.NamedAppointment(transaction);
            var decision = ReconciliationRules.Decide(transaction, barberId, name is { } n ? named.GetValueOrDefault(n) : null, nearby,
                id => claims.TryGetValue(id, out var holders) && holders.Any(h => h != key), settings.MaxTipRate);
            if (decision.AppointmentId is { } matched) Claim(claims, matched, key);
            var before = stored.GetValueOrDefault(key);
            var same = before is not null && before.ReconciliationStatus == decision.Status && before.AppointmentId == decision.AppointmentId;
            decided[transaction] = transaction with
            {
                ReconciliationStatus = decision.Status,
                AppointmentId = decision.AppointmentId,
                ClientId = decision.ClientId ?? transaction.ClientId,
                ReconciledAt = same ? before!.ReconciledAt ?? now : now,
            };
        }
        return [.. transactions.Select(t => decided.GetValueOrDefault(t) ?? t)];
    }

    private static string Key(ExternalTransaction t) => ExternalTransactionStore.ExternalKey(t.ProcessorType, t.ExternalTransactionId);

    private static void Claim(Dictionary<int, HashSet<string>> claims, int appointmentId, string key)
    {
        if (!claims.TryGetValue(appointmentId, out var holders)) claims[appointmentId] = holders = [];
        holders.Add(key);
    }
}
