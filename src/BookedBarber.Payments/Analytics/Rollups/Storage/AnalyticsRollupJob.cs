using BookedBarber.Payments.Booking;
using BookedBarber.Payments.Queues;

namespace BookedBarber.Payments.Analytics.Rollups.Storage;

/// <summary>
/// The <c>AnalyticsRollup</c> timer (nightly): one rebuild message per barber the booking platform told us of (one
/// without payments rebuilds to nothing) — anything incremental
/// updates missed (a send that failed, a shop that changed its time zone) is repaired by morning.
/// </summary>
public sealed class AnalyticsRollupJob(BookingDirectory barbers, QueueSender queues) : IScheduledJob
{
    public const string Name = "AnalyticsRollup";
    public const string Setting = "ANALYTICS_ROLLUP_SCHEDULE";
    public const string DefaultSchedule = "0 30 3 * * *";

    /// <summary>Messages sent at once by the fan-out.</summary>
    public const int SendParallelism = 16;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var ids = await barbers.ListBarbersAsync(cancellationToken);
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = SendParallelism, CancellationToken = cancellationToken }, async (barberId, ct) =>
            await queues.SendAsync(AnalyticsRollupMessage.QueueName, new AnalyticsRollupMessage(barberId, null, null, Rebuild: true), ct));
    }
}
