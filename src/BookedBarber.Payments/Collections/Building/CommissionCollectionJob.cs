using BookedBarber.Payments.Queues;

namespace BookedBarber.Payments.Collections;

/// <summary>
/// The <c>CommissionCollection</c> timer: one <c>commission-collection</c> message per barber whose collection period
/// ended (or who has a collection to act on). SKELETON — the builder helper implements the fan-out.
/// </summary>
public sealed class CommissionCollectionJob : IScheduledJob
{
    public const string Name = "CommissionCollection";
    public const string Setting = "COMMISSION_COLLECTION_SCHEDULE";
    public const string DefaultSchedule = "0 0 6 * * *";

    public Task RunAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
