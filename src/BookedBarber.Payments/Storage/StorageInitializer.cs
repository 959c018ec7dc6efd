using Azure;
using BookedBarber.Payments.Catalog;
using Microsoft.Extensions.Hosting;

namespace BookedBarber.Payments.Storage;

/// <summary>Creates the application's tables, queues and poison queues on start-up when they are absent.</summary>
public sealed class StorageInitializer(StorageAccount storage) : IHostedService
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

    public Task StartAsync(CancellationToken cancellationToken) => EnsureCreatedAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
