using BookedBarber.Payments.Ledger;
using BookedBarber.Payments.Queues;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BookedBarber.Payments.Analytics.Rollups.Storage;

/// <summary>
/// Keeps rollups up to date from ledger writes: one <c>analytics-rollup</c> message per change. A send that fails is
/// logged and swallowed — the payment stands, and the nightly rebuild repairs the rollups.
/// </summary>
public sealed class AnalyticsLedgerChanges(QueueSender queues, [FromKeyedServices(StoredRollups.CachePurpose)] IMemoryCache todays,
    ILogger<AnalyticsLedgerChanges> logger) : ILedgerChangeListener
{
    public async Task ChangedAsync(int barberId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        StoredRollups.Forget(todays, barberId);
        try
        {
            await queues.SendAsync(AnalyticsRollupMessage.QueueName, new AnalyticsRollupMessage(barberId, from, to), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Could not queue the analytics rollup of barber {BarberId} ({From:o}..{To:o}); the nightly rebuild repairs it.", barberId, from, to);
        }
    }
}
