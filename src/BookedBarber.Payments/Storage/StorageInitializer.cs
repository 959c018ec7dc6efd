using Azure;
using BookedBarber.Payments.Catalog;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BookedBarber.Payments.Storage;

/// <summary>Creates the application's tables, queues and poison queues on start-up when they are absent.</summary>
public sealed class StorageInitializer(StorageAccount storage, ILogger<StorageInitializer> logger) : IHostedService
{
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        var tables = storage.Names.AllTables.Select(t => storage.Tables.CreateTableIfNotExistsAsync(t, cancellationToken));
        var queues = AppCatalog.Queues
            .SelectMany(q => new[] { storage.Queue(q.Name), storage.Queues.GetQueueClient(StorageNames.PoisonQueue(storage.Names.Queue(q.Name))) })
            .Select(q => q.CreateIfNotExistsAsync(cancellationToken: cancellationToken));
        try
        {
            await Task.WhenAll(tables.Cast<Task>().Concat(queues));
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            // Another instance created it at the same moment.
        }
    }

    /// <summary>
    /// Start-up does not fail when storage is down: the host still starts, /health answers 503, and the
    /// tables appear on the next start. Creating is idempotent.
    /// </summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(15));
        try
        {
            await EnsureCreatedAsync(timeout.Token);
        }
        catch (Exception ex) when (ex is RequestFailedException or OperationCanceledException or AggregateException && !cancellationToken.IsCancellationRequested)
        {
            logger.LogError(ex, "Could not create tables and queues; storage may be unreachable");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
