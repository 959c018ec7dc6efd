using BookedBarber.Payments.Collections;
using BookedBarber.Payments.Ledger;
using BookedBarber.Payments.Queues;
using BookedBarber.Payments.Routing;
using Microsoft.Extensions.Logging;

namespace BookedBarber.Payments.Processing;

/// <summary>
/// Settles payment attempts left pending by a crash or timeout between the processor's charge and our write: asks the
/// processor what happened to the attempt (by the attempt id we gave it) and records that — completed (the appointment
/// is paid), declined, or failed when the charge never arrived. Idempotent: settled attempts are skipped.
/// </summary>
public sealed class PaymentReconciler(PaymentLedger ledger, BarberProcessorsReader reader, PaymentGateways gateways, ExternalPaymentRecorder recorder, CommissionNetting netting, TimeProvider clock, ILogger<PaymentReconciler> logger)
    : IQueueHandler
{
    public const string QueueName = "payment-reconciliation";

    public async Task HandleAsync(QueueDelivery delivery, CancellationToken cancellationToken)
    {
        var message = delivery.Read<ReconciliationMessage>();
        await ReconcileAsync(message.Before, cancellationToken);
    }

    /// <summary>Returns how many attempts were settled.</summary>
    public async Task<int> ReconcileAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        var settled = 0;
        foreach (var attempt in await ledger.PendingBeforeAsync(before, cancellationToken))
            if (await SettleAsync(attempt, cancellationToken)) settled++;
        return settled;
    }

    /// <summary>Settles one pending attempt from what its processor says; false when the processor is still working on it.</summary>
    public async Task<bool> SettleAsync(PaymentAttempt attempt, CancellationToken cancellationToken)
    {
        var processors = await reader.ReadAsync(attempt.BarberId, cancellationToken);
        var connection = attempt.ConnectionId is { } id ? processors.Connections.FirstOrDefault(c => c.Id == id) : null;
        var found = await gateways.FindAsync(attempt, connection, cancellationToken);
        if (found.Status == AttemptStatus.Pending) return false;
        var outcome = found.Status switch
        {
            AttemptStatus.Completed => attempt with { Status = AttemptStatus.Completed, ProcessorPaymentId = found.ProcessorPaymentId },
            AttemptStatus.Declined => attempt with { Status = AttemptStatus.Declined, ProcessorPaymentId = found.ProcessorPaymentId, FailureReason = "declined (reconciled)" },
            _ => attempt with { Status = AttemptStatus.Failed, FailureReason = "the charge never reached the processor (reconciled)" },
        };
        var settled = outcome with { ProcessedAt = clock.GetUtcNow() };
        // What the attempt reserved for netting becomes netted or is released with it.
        await ledger.SettleAsync(settled, settled.NettingCollectionId is null ? null : netting.SettleAsync, cancellationToken);
        // A payment through the barber's own processor is their external transaction, however we learned it completed.
        await recorder.RecordAsync(settled, null, null);
        logger.LogWarning("Reconciled payment attempt {AttemptId} of barber {BarberId}: {Status}", attempt.AttemptId, attempt.BarberId, outcome.Status);
        return true;
    }
}
