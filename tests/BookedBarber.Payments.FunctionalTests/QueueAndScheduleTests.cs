using Azure.Data.Tables;
using BookedBarber.DevHost;
using BookedBarber.Payments.Maintenance;
using BookedBarber.Payments.Queues;
using BookedBarber.Payments.RateLimiting;
using BookedBarber.Payments.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace BookedBarber.Payments.FunctionalTests;

/// <summary>The dev host's queue pump and scheduler, over Azurite queues, with the Functions trigger's semantics.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class QueueAndScheduleTests(AzuriteFixture azurite)
{
    private static readonly QueueHostSettings FastRetries = new(BatchSize: 4, NewBatchThreshold: 2, MaxPollingInterval: TimeSpan.FromMilliseconds(200),
        VisibilityTimeout: TimeSpan.Zero, MaxDequeueCount: 3);

    private static async Task<T> Eventually<T>(Func<Task<T?>> probe, TimeSpan? within = null) where T : class
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(20));
        while (DateTime.UtcNow < deadline)
        {
            if (await probe() is { } value) return value;
            await Task.Delay(100);
        }
        throw new TimeoutException("The expected state was not reached in time.");
    }

    private static async Task AddExpiredWindow(ApiHost host, string partition)
    {
        var table = host.Storage.Table(host.Storage.Names.RateLimits);
        await table.AddEntityAsync(new TableEntity(partition, "2020010100") { ["Count"] = 7, ["ExpiresAt"] = new DateTimeOffset(2020, 1, 1, 1, 0, 0, TimeSpan.Zero) });
    }

    private static async Task<bool> WindowExists(ApiHost host, string partition) =>
        (await host.Storage.Table(host.Storage.Names.RateLimits).GetEntityIfExistsAsync<TableEntity>(partition, "2020010100")).HasValue;

    [Fact]
    public async Task AMessageThatKeepsFailing_GoesToThePoisonQueue_AfterMaxDequeueCount()
    {
        await using var host = await ApiHost.StartAsync(azurite, seed: false, queues: FastRetries, background: true);
        var sender = host.Services.GetRequiredService<QueueSender>();
        await sender.SendAsync(MaintenanceQueue.Name, new MaintenanceMessage("no-such-task", DateTimeOffset.UtcNow), default);

        var poison = host.Storage.Queues.GetQueueClient(StorageNames.PoisonQueue(host.Storage.Names.Queue(MaintenanceQueue.Name)));
        var poisoned = await Eventually(async () => (await poison.PeekMessagesAsync(5)).Value.FirstOrDefault());
        Assert.Contains("no-such-task", poisoned.Body.ToString());
        var remaining = await host.Storage.Queue(MaintenanceQueue.Name).GetPropertiesAsync();
        Assert.Equal(0, remaining.Value.ApproximateMessagesCount);
    }

    [Fact]
    public async Task AValidMessage_IsHandledOnce_AndDeleted()
    {
        await using var host = await ApiHost.StartAsync(azurite, seed: false, queues: FastRetries, background: true);
        await AddExpiredWindow(host, "analytics|user-1");
        await AddExpiredWindow(host, "analytics|user-2");

        await host.Services.GetRequiredService<QueueSender>().SendAsync(MaintenanceQueue.Name,
            new MaintenanceMessage(MaintenanceQueue.PurgeRateLimits, DateTimeOffset.UtcNow - RateLimitPolicy.Window), default);

        await Eventually(async () => await WindowExists(host, "analytics|user-1") || await WindowExists(host, "analytics|user-2") ? null : "gone");
        await Eventually(async () => (await host.Storage.Queue(MaintenanceQueue.Name).GetPropertiesAsync()).Value.ApproximateMessagesCount == 0 ? "empty" : null);
    }

    [Fact]
    public async Task TheSchedulerRunsTheTimerFromItsSetting_AndTheTimerOnlyEnqueues()
    {
        await using var host = await ApiHost.StartAsync(azurite, seed: false, queues: FastRetries, background: true,
            settings: new Dictionary<string, string?> { [MaintenanceSweepJob.Setting] = "*/1 * * * * *" });
        await AddExpiredWindow(host, "payment_routing|user-9");

        await Eventually(async () => await WindowExists(host, "payment_routing|user-9") ? null : "purged by the hourly sweep, run every second here");
    }

    [Fact]
    public async Task RunningTheJob_PutsOnePurgeMessageOnTheQueue()
    {
        await using var host = await ApiHost.StartAsync(azurite, seed: false);
        await host.Services.GetRequiredService<QueueDispatcher>().RunJobAsync(MaintenanceSweepJob.Name, default);

        var message = (await host.Storage.Queue(MaintenanceQueue.Name).PeekMessagesAsync(5)).Value.Single();
        Assert.Contains(MaintenanceQueue.PurgeRateLimits, message.Body.ToString());
    }
}
