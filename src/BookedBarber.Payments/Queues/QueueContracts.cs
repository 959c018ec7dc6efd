namespace BookedBarber.Payments.Queues;

/// <summary>One delivery of a queue message (at least once: handlers must be idempotent).</summary>
public sealed record QueueDelivery(string QueueName, string MessageId, string Body, long DequeueCount);

public interface IQueueHandler
{
    Task HandleAsync(QueueDelivery delivery, CancellationToken cancellationToken);
}

/// <summary>A timer's work. Jobs only put messages on queues; the queues do the work.</summary>
public interface IScheduledJob
{
    Task RunAsync(CancellationToken cancellationToken);
}
