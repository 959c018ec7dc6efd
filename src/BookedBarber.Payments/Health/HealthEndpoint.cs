using BookedBarber.Payments.Errors;
using System.Diagnostics;
using BookedBarber.Payments.Maintenance;
using BookedBarber.Payments.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BookedBarber.Payments.Health;

/// <summary><c>GET /health</c>: can we reach table storage and the queues? 200 when both answer, 503 otherwise.</summary>
public static class HealthEndpoint
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(3);
    private static readonly string Version = typeof(HealthEndpoint).Assembly.GetName().Version?.ToString() ?? "0.0.0";

    public static async Task<Ok<HealthReport>> Handle(StorageAccount storage, TimeProvider clock, CancellationToken cancellationToken)
    {
        var checks = new Dictionary<string, HealthCheck>
        {
            ["storage"] = await ProbeAsync(ct => storage.Table(storage.Names.Ids).GetEntityIfExistsAsync<Azure.Data.Tables.TableEntity>("health", "probe", cancellationToken: ct), cancellationToken),
            ["queues"] = await ProbeAsync(ct => storage.Queue(MaintenanceQueue.Name).GetPropertiesAsync(ct), cancellationToken),
        };
        var healthy = checks.Values.All(c => c.Status == "healthy");
        var report = new HealthReport(healthy ? "healthy" : "unhealthy", Version, clock.GetUtcNow(), checks,
            healthy ? await QueueDepthsAsync(storage, cancellationToken) : null);
        if (healthy) return TypedResults.Ok(report);
        throw new DomainException(ErrorCodes.ServiceUnavailable, "Storage is unavailable.",
            new Dictionary<string, object?> { ["status"] = report.Status, ["checks"] = report.Checks });
    }

    /// <summary>Every catalog queue's depth and its poison queue's, read in parallel.</summary>
    private static async Task<IReadOnlyDictionary<string, QueueDepth>> QueueDepthsAsync(StorageAccount storage, CancellationToken cancellationToken)
    {
        async Task<int?> DepthAsync(Azure.Storage.Queues.QueueClient queue)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(ProbeTimeout);
            try
            {
                return (await queue.GetPropertiesAsync(timeout.Token)).Value.ApproximateMessagesCount;
            }
            catch (Exception ex) when (ex is Azure.RequestFailedException or OperationCanceledException or HttpRequestException or AggregateException)
            {
                return null;
            }
        }
        var depths = await Task.WhenAll(Catalog.AppCatalog.Queues.Select(async q =>
        {
            var depth = DepthAsync(storage.Queue(q.Name));
            var poison = DepthAsync(storage.Queues.GetQueueClient(StorageNames.PoisonQueue(storage.Names.Queue(q.Name))));
            return (q.Name, Depth: new QueueDepth(await depth, await poison));
        }));
        return depths.ToDictionary(d => d.Name, d => d.Depth);
    }

    private static async Task<HealthCheck> ProbeAsync(Func<CancellationToken, Task> probe, CancellationToken aborted)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        timeout.CancelAfter(ProbeTimeout);
        var watch = Stopwatch.StartNew();
        try
        {
            await probe(timeout.Token);
            return new HealthCheck("healthy", watch.ElapsedMilliseconds);
        }
        catch (Exception ex) when (ex is Azure.RequestFailedException or OperationCanceledException or HttpRequestException or AggregateException)
        {
            return new HealthCheck("unhealthy", watch.ElapsedMilliseconds, ex is OperationCanceledException ? "timed out" : "unreachable");
        }
    }
}
