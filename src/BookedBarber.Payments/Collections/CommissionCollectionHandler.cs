using BookedBarber.Payments.Queues;

namespace BookedBarber.Payments.Collections;

/// <summary>The <c>commission-collection</c> queue: builds the barber's collection when a cutoff is given, then acts on what is due.</summary>
public sealed class CommissionCollectionHandler(CollectionBuilder builder, CollectionCharger charger) : IQueueHandler
{
    public async Task HandleAsync(QueueDelivery delivery, CancellationToken cancellationToken)
    {
        var request = delivery.Read<CollectionRequest>();
        if (request.Cutoff is { } cutoff) await builder.BuildAsync(request.BarberId, cutoff, cancellationToken);
        await charger.ActAsync(request.BarberId, request.OperatorRun, cancellationToken);
    }
}
