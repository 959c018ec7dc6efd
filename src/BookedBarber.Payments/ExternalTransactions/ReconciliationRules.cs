using BookedBarber.Payments.Amounts;
using BookedBarber.Payments.Booking;

namespace BookedBarber.Payments.ExternalTransactions;

/// <summary>
/// The rules that tie one external transaction to one booking, with no I/O (the README's "Reconciliation" section says
/// the same):
/// <list type="number">
/// <item>Named: the transaction names an appointment (our own payments carry its id; a processor's reference_id, note or
/// metadata carries <c>bb-appt-{id}</c>) and that appointment is this barber's → matched to it. An id of another
/// barber's appointment (or of none) is no match: the name is ignored and the amount rule decides.</item>
/// <item>Failed payments paid nothing: unless named, they stay unmatched.</item>
/// <item>Amount and time: the candidates are the barber's appointments that start from <see cref="PaidAfterStart"/>
/// before the payment to <see cref="PaidBeforeStart"/> after it (paid up to 2 h ahead, or up to 6 h after the
/// start), in the payment's currency, not already matched by another transaction, whose price is the amount (exact) or
/// the amount less a tip of at most <c>MAX_TIP_RATE</c> × price. Exact prices win over price + tip; one candidate →
/// matched, several → ambiguous, none → unmatched.</item>
/// </list>
/// </summary>
public static class ReconciliationRules
{
    /// <summary>How long before the appointment's start a client may pay for it.</summary>
    public static readonly TimeSpan PaidBeforeStart = TimeSpan.FromHours(2);

    /// <summary>How long after the appointment's start a client may pay for it.</summary>
    public static readonly TimeSpan PaidAfterStart = TimeSpan.FromHours(6);

    /// <summary>How far from a payment's time another transaction can hold an appointment the payment could match.</summary>
    public static readonly TimeSpan Reach = PaidAfterStart + PaidBeforeStart;

    /// <summary>The start times of the appointments a payment made at <paramref name="paidAt"/> may have paid.</summary>
    public static (DateTimeOffset From, DateTimeOffset To) StartWindow(DateTimeOffset paidAt) => (paidAt - PaidAfterStart, paidAt + PaidBeforeStart);

    /// <summary>The appointment the transaction names: the id we recorded, else a <c>bb-appt-</c> reference in its reference or note.</summary>
    public static int? NamedAppointment(ExternalTransaction transaction) =>
        transaction.AppointmentId is { } known ? known
        : AppointmentReference.TryParse(out var id, transaction.Reference, transaction.Note) ? id : null;

    /// <summary>Whether <paramref name="amount"/> pays <paramref name="price"/>: 0 = exactly, 1 = with a tip within the cap, null = not.</summary>
    public static int? Pays(Money amount, Money price, decimal maxTipRate)
    {
        if (amount.Currency != price.Currency || amount.Minor < price.Minor) return null;
        if (amount.Minor == price.Minor) return 0;
        return amount.Minor <= (price + price.Times(maxTipRate)).Minor ? 1 : null;
    }

    /// <summary>
    /// The decision for <paramref name="transaction"/> of barber <paramref name="barberId"/>: <paramref name="named"/> is the
    /// appointment it names (null when none or unknown), <paramref name="nearby"/> the barber's appointments around its
    /// time, <paramref name="claimedByOthers"/> the appointments other transactions already matched.
    /// </summary>
    public static ReconciliationDecision Decide(ExternalTransaction transaction, int barberId, Appointment? named,
        IEnumerable<Appointment> nearby, Func<int, bool> claimedByOthers, decimal maxTipRate)
    {
        if (named is not null && named.BarberId == barberId) return ReconciliationDecision.MatchedTo(named);
        if (transaction.Status == ExternalTransactionStatus.Failed) return ReconciliationDecision.Unmatched;

        var (from, to) = StartWindow(transaction.ProcessedAt);
        var candidates = nearby
            .Where(a => a.BarberId == barberId && a.StartTime >= from && a.StartTime <= to && !claimedByOthers(a.Id))
            .Select(a => (Appointment: a, Fit: Pays(transaction.Amount, a.Price, maxTipRate)))
            .Where(c => c.Fit is not null)
            .ToList();
        if (candidates.Count == 0) return ReconciliationDecision.Unmatched;
        var best = candidates.Min(c => c.Fit!.Value);
        var fitting = candidates.Where(c => c.Fit == best).DistinctBy(c => c.Appointment.Id).ToList();
        return fitting.Count == 1 ? ReconciliationDecision.MatchedTo(fitting[0].Appointment) : ReconciliationDecision.Ambiguous;
    }
}
