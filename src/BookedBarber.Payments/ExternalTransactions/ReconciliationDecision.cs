using BookedBarber.Payments.Booking;

namespace BookedBarber.Payments.ExternalTransactions;

/// <summary>What reconciliation decided for one transaction: its status and, when matched, the appointment and its client.</summary>
public sealed record ReconciliationDecision(string Status, int? AppointmentId, int? ClientId)
{
    public static readonly ReconciliationDecision Unmatched = new(ReconciliationStatus.Unmatched, null, null);

    public static readonly ReconciliationDecision Ambiguous = new(ReconciliationStatus.Ambiguous, null, null);

    public static ReconciliationDecision MatchedTo(Appointment appointment) => new(ReconciliationStatus.Matched, appointment.Id, appointment.ClientId);
}
