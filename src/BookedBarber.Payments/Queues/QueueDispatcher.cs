using System.Diagnostics;
using BookedBarber.Payments.Catalog;
using BookedBarber.Payments.Telemetry;
using Microsoft.Extensions.DependencyInjection;

namespace BookedBarber.Payments.Queues;

/// <summary>Hands a queue message or a timer tick to the catalog's handler; used by the dev host and the Functions app alike.</summary>
public sealed class QueueDispatcher(IServiceScopeFactory scopes)
{
    public async Task HandleAsync(QueueDelivery delivery, CancellationToken cancellationToken)
    {
        var entry = AppCatalog.Queues.SingleOrDefault(q => q.Name == delivery.QueueName)
            ?? throw new ArgumentException($"No handler for queue {delivery.QueueName}.", nameof(delivery));
        await PaymentsTelemetry.RunAsync("queue " + entry.Name, ActivityKind.Consumer, PaymentsTelemetry.QueueMessages, "messaging.destination.name", entry.Name, async () =>
        {
            await using var scope = scopes.CreateAsyncScope();
            var handler = (IQueueHandler)scope.ServiceProvider.GetRequiredService(entry.HandlerType);
            await handler.HandleAsync(delivery, cancellationToken);
        });
    }

    public async Task RunJobAsync(string scheduleName, CancellationToken cancellationToken)
    {
        var entry = AppCatalog.Schedules.SingleOrDefault(s => s.Name == scheduleName)
            ?? throw new ArgumentException($"No scheduled job {scheduleName}.", nameof(scheduleName));
        await PaymentsTelemetry.RunAsync("job " + entry.Name, ActivityKind.Internal, PaymentsTelemetry.JobRuns, "job", entry.Name, async () =>
        {
            await using var scope = scopes.CreateAsyncScope();
            var job = (IScheduledJob)scope.ServiceProvider.GetRequiredService(entry.JobType);
            await job.RunAsync(cancellationToken);
        });
    }
}
