namespace BookedBarber.Payments.Queues;

/// <summary>A timer's work. Jobs only put messages on queues; the queues do the work.</summary>
public interface IScheduledJob
{
    Task RunAsync(CancellationToken cancellationToken);
}
