using BookedBarber.Payments.Queues;
using BookedBarber.Payments.Routing;

namespace BookedBarber.Payments.Collections;

/// <summary>
/// The <c>commission-collection</c> queue: builds the barber's collection (the timer's message up to the end of the
/// barber's last finished period, any message with a cutoff up to it), then acts on what is due.
/// </summary>
public sealed class CommissionCollectionHandler(CollectionBuilder builder, CollectionCharger charger, PaymentConfigStore configs, TimeProvider clock) : IQueueHandler
{
    public async Task HandleAsync(QueueDelivery delivery, CancellationToken cancellationToken)
    {
        var request = delivery.Read<CollectionRequest>();
        var cutoff = request.Cutoff;
        if (cutoff is null && request.Trigger == CollectionTriggers.Schedule)
            cutoff = CollectionPeriods.LastEnd((await configs.GetAsync(request.BarberId, cancellationToken)).CommissionCollectionFrequency, clock.GetUtcNow());
        if (cutoff is { } c) await builder.BuildAsync(request.BarberId, c, cancellationToken);
        await charger.ActAsync(request.BarberId, request.OperatorRun, cancellationToken);
    }
}
