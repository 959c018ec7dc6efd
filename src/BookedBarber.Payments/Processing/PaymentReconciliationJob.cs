using BookedBarber.Payments.Ledger;
using BookedBarber.Payments.Queues;

namespace BookedBarber.Payments.Processing;

/// <summary>Every two minutes: asks the reconciler to settle attempts pending longer than a request can take.</summary>
public sealed class PaymentReconciliationJob(QueueSender queues, TimeProvider clock) : IScheduledJob
{
    public const string Name = "PaymentReconciliationSweep";
    public const string Setting = "PAYMENT_RECONCILIATION_SCHEDULE";
    public const string DefaultSchedule = "30 */2 * * * *";

    public Task RunAsync(CancellationToken cancellationToken) =>
        queues.SendAsync(PaymentReconciler.QueueName, new ReconciliationMessage(clock.GetUtcNow() - PaymentLedger.StaleAfter), cancellationToken);
}
