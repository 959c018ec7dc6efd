using BookedBarber.Payments.Connections;
using BookedBarber.Payments.ExternalTransactions;
using BookedBarber.Payments.Ledger;
using Microsoft.Extensions.Logging;

namespace BookedBarber.Payments.Processing;

/// <summary>
/// Records a payment we took through a barber's own processor as that processor payment's external transaction, at
/// charge time: completed, matched to the appointment it paid (we know the booking), keyed by the processor's payment
/// id, so when sync or a webhook later sees the same payment it merges into this one record. The payment already
/// happened: a failure to record is logged, never the payment's failure (the next sync records it).
/// </summary>
public sealed class ExternalPaymentRecorder(ExternalTransactionStore store, TransactionReconciler reconciler, ILogger<ExternalPaymentRecorder> logger)
{
    public const string Source = "payment";

    /// <summary>True when recorded (or nothing to record); false when recording failed and was logged.</summary>
    public async Task<bool> RecordAsync(PaymentAttempt attempt, ChargeResult? charge, int? clientId)
    {
        if (attempt is not { Status: AttemptStatus.Completed, ConnectionId: { } connectionId, ProcessorPaymentId: { } paymentId, ProcessedAt: { } processedAt })
            return true;
        try
        {
            var observed = new ExternalTransaction(
                0, attempt.BarberId, connectionId, attempt.Processor, paymentId, attempt.Amount, ExternalTransactionStatus.Completed, processedAt,
                ProcessorFees: charge?.ProcessorFee,
                TipAmount: attempt.Tip,
                AppointmentId: attempt.AppointmentId,
                ClientId: clientId,
                ReconciliationStatus: ReconciliationStatus.Matched,
                ReconciledAt: processedAt,
                CardBrand: charge?.CardBrand,
                LastFour: charge?.LastFour,
                // What we put on the processor payment: Square's reference_id is the attempt id, its note names the booking.
                Reference: attempt.Processor == ProcessorTypes.Square ? attempt.AttemptId : null,
                Note: PaymentGateways.NoteFor(attempt.AppointmentId),
                AttemptId: attempt.AttemptId,
                Source: Source);
            // Already matched, so the reconciler keeps it as it is; the call keeps one path into the store for every source.
            var decided = await reconciler.ReconcileAsync(attempt.BarberId, [observed], CancellationToken.None);
            await store.UpsertAsync(decided, CancellationToken.None);
            return true;
        }
        catch (Exception ex)
        {
            logger.LogError("Payment {AttemptId} ({Processor} {PaymentId}) succeeded but its external transaction was not recorded ({Error}); the next sync records it",
                attempt.AttemptId, attempt.Processor, paymentId, ex.GetType().Name);
            return false;
        }
    }
}
