namespace BookedBarber.Payments.Queues;

public interface IQueueHandler
{
    Task HandleAsync(QueueDelivery delivery, CancellationToken cancellationToken);
}
