using BookedBarber.Payments.Connections;
using BookedBarber.Payments.Queues;

namespace BookedBarber.Payments.Collections;

/// <summary>
/// The <c>CommissionCollection</c> timer: one <c>commission-collection</c> message per barber with any processor
/// connection (whatever its status: a barber who disconnected still owes). The handler works out the barber's period
/// and builds nothing when it was collected already, then acts on what is due.
/// </summary>
public sealed class CommissionCollectionJob(ConnectionStore connections, QueueSender queues) : IScheduledJob
{
    public const string Name = "CommissionCollection";
    public const string Setting = "COMMISSION_COLLECTION_SCHEDULE";
    public const string DefaultSchedule = "0 0 6 * * *";

    /// <summary>Messages sent at once by the fan-out.</summary>
    public const int SendParallelism = 16;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var barbers = new HashSet<int>();
        await foreach (var (barberId, _) in connections.ListAllAsync(cancellationToken)) barbers.Add(barberId);
        // Several sends in flight: one at a time, 10,000 barbers' messages took longer than building their collections.
        await Parallel.ForEachAsync(barbers, new ParallelOptions { MaxDegreeOfParallelism = SendParallelism, CancellationToken = cancellationToken }, async (barberId, ct) =>
            await queues.SendAsync(CollectionRequest.QueueName, new CollectionRequest(barberId, null, CollectionTriggers.Schedule), ct));
    }
}
