using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using BookedBarber.Payments.Catalog;
using BookedBarber.Payments.Queues;
using BookedBarber.Payments.Storage;

namespace BookedBarber.DevHost;

/// <summary>
/// Feeds the catalog's queues to their handlers with the Functions queue trigger's semantics from host.json:
/// batches of <c>batchSize</c>, polling backing off to <c>maxPollingInterval</c>, a failed message made
/// visible again after <c>visibilityTimeout</c>, and after <c>maxDequeueCount</c> tries moved to <c>&lt;queue&gt;-poison</c>.
/// </summary>
public sealed class QueuePump(StorageAccount storage, QueueDispatcher dispatcher, QueueHostSettings settings, ILogger<QueuePump> logger)
    : BackgroundService
{
    private static readonly TimeSpan MinPollingInterval = TimeSpan.FromMilliseconds(100);
    // How long a received message stays invisible while its handler runs (the Functions host renews; we simply take long enough).
    private static readonly TimeSpan ProcessingLease = TimeSpan.FromMinutes(5);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(AppCatalog.Queues.Select(q => PumpAsync(q.Name, stoppingToken)));

    private async Task PumpAsync(string queueName, CancellationToken stoppingToken)
    {
        var queue = storage.Queue(queueName);
        var poison = storage.Queues.GetQueueClient(StorageNames.PoisonQueue(queue.Name));
        var delay = MinPollingInterval;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var messages = (await queue.ReceiveMessagesAsync(settings.BatchSize, ProcessingLease, stoppingToken)).Value;
                if (messages.Length == 0)
                {
                    await Task.Delay(delay, stoppingToken);
                    delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, settings.MaxPollingInterval.Ticks));
                    continue;
                }
                delay = MinPollingInterval;
                await Task.WhenAll(messages.Select(m => DeliverAsync(queueName, queue, poison, m, stoppingToken)));
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Polling {Queue} failed; retrying", queueName);
                await Task.Delay(settings.MaxPollingInterval, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    /// <summary>Runs one message through its handler and settles it: delete, retry later, or poison.</summary>
    public async Task DeliverAsync(string queueName, QueueClient queue, QueueClient poison, QueueMessage message, CancellationToken cancellationToken)
    {
        try
        {
            await dispatcher.HandleAsync(new QueueDelivery(queueName, message.MessageId, message.Body.ToString(), message.DequeueCount), cancellationToken);
            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            if (message.DequeueCount >= settings.MaxDequeueCount)
            {
                logger.LogError(ex, "Message {MessageId} on {Queue} failed {Count} times; moving it to {Poison}", message.MessageId, queueName, message.DequeueCount, poison.Name);
                await poison.SendMessageAsync(message.Body.ToString(), cancellationToken: cancellationToken);
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
            }
            else
            {
                logger.LogWarning(ex, "Message {MessageId} on {Queue} failed (attempt {Count}); retrying in {Delay}", message.MessageId, queueName, message.DequeueCount, settings.VisibilityTimeout);
                await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: settings.VisibilityTimeout, cancellationToken: cancellationToken);
            }
        }
    }
}
