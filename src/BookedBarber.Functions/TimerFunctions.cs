using BookedBarber.Payments.Queues;
using Microsoft.Azure.Functions.Worker;

namespace BookedBarber.Functions;

/// <summary>One function per catalog schedule; each schedule is an app setting so it can change without a deploy.</summary>
public sealed class TimerFunctions(QueueDispatcher queues)
{
    [Function("MaintenanceSweep")]
    public Task MaintenanceSweep([TimerTrigger("%MAINTENANCE_SWEEP_SCHEDULE%")] TimerInfo timer, CancellationToken cancellationToken) =>
        queues.RunJobAsync("MaintenanceSweep", cancellationToken);

    [Function("PaymentReconciliationSweep")]
    public Task PaymentReconciliationSweep([TimerTrigger("%PAYMENT_RECONCILIATION_SCHEDULE%")] TimerInfo timer, CancellationToken cancellationToken) =>
        queues.RunJobAsync("PaymentReconciliationSweep", cancellationToken);

    [Function("ConnectionTokenRefresh")]
    public Task ConnectionTokenRefresh([TimerTrigger("%CONNECTION_TOKEN_REFRESH_SCHEDULE%")] TimerInfo timer, CancellationToken cancellationToken) =>
        queues.RunJobAsync("ConnectionTokenRefresh", cancellationToken);

    [Function("TransactionSync")]
    public Task TransactionSync([TimerTrigger("%TRANSACTION_SYNC_SCHEDULE%")] TimerInfo timer, CancellationToken cancellationToken) =>
        queues.RunJobAsync("TransactionSync", cancellationToken);

    [Function("CommissionCollection")]
    public Task CommissionCollection([TimerTrigger("%COMMISSION_COLLECTION_SCHEDULE%")] TimerInfo timer, CancellationToken cancellationToken) =>
        queues.RunJobAsync("CommissionCollection", cancellationToken);

    [Function("AnalyticsRollup")]
    public Task AnalyticsRollup([TimerTrigger("%ANALYTICS_ROLLUP_SCHEDULE%")] TimerInfo timer, CancellationToken cancellationToken) =>
        queues.RunJobAsync("AnalyticsRollup", cancellationToken);
}
