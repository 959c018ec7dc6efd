using System.Collections.Concurrent;
using System.Globalization;
using Azure;
using Azure.Data.Tables;
using BookedBarber.Payments.Configuration;
using BookedBarber.Payments.Storage;
using Microsoft.Extensions.Logging;

namespace BookedBarber.Payments.RateLimiting;

/// <summary>The outcome of counting one request: what goes in the X-RateLimit-* headers, and whether to refuse it.</summary>
public sealed record RateLimitDecision(int Limit, int Remaining, DateTimeOffset ResetAt, bool Allowed);

/// <summary>
/// Fixed one-hour windows counted per user and category in Table Storage, so the limits hold across every
/// instance. A counter row is updated with its ETag; the last ETag seen is kept, and one user's concurrent requests
/// are coalesced into one write, so while one instance serves a user a burst costs about one write.
/// </summary>
public sealed class RateLimiter(StorageAccount storage, PaymentsSettings settings, TimeProvider clock, ILogger<RateLimiter> logger)
{
    private static readonly OptimisticUpdateOptions Counting = new() { MaxAttempts = 10 };
    private readonly ConcurrentDictionary<string, (ETag ETag, int Count)> _lastSeen = new();
    private readonly ConcurrentDictionary<string, PendingWindow> _windows = new();

    public int LimitFor(RateLimitCategory category) =>
        settings.RateLimitOverrides.TryGetValue(RateLimitPolicy.SettingSuffix(category), out var limit) ? limit : RateLimitPolicy.DefaultLimit(category);

    public async Task<RateLimitDecision> CountAsync(RateLimitCategory category, string subject, CancellationToken cancellationToken)
    {
        var limit = LimitFor(category);
        var now = clock.GetUtcNow();
        var windowStart = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero);
        var resetAt = windowStart + RateLimitPolicy.Window;
        var partition = $"{RateLimitPolicy.SettingSuffix(category)}|{subject}";
        var row = WindowKey(windowStart);
        var count = await IncrementAsync(partition, row, resetAt, cancellationToken);
        return new RateLimitDecision(limit, Math.Max(0, limit - count), resetAt, count <= limit);
    }

    public static string WindowKey(DateTimeOffset windowStart) => windowStart.ToString("yyyyMMddHH", CultureInfo.InvariantCulture);

    /// <summary>
    /// Counts one request. Requests of one user arriving while that user's counter is being written are coalesced
    /// into the next write (one +N instead of N serial +1s), and each learns its own position in the count.
    /// </summary>
    private async Task<int> IncrementAsync(string partition, string row, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        var cacheKey = partition + "/" + row;
        var window = _windows.GetOrAdd(cacheKey, _ => new PendingWindow());
        Task<int> batchBase;
        int position;
        bool startFlushing;
        lock (window)
        {
            position = ++window.Pending;
            window.NextBatch ??= new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
            batchBase = window.NextBatch.Task;
            startFlushing = !window.Flushing;
            window.Flushing = true;
        }
        if (startFlushing) _ = FlushAsync(partition, row, cacheKey, expiresAt, window);
        var before = await batchBase.WaitAsync(cancellationToken);
        return before < 0 ? 0 : before + position;
    }

    /// <summary>Writes the pending increments of one counter, batch after batch, until none are left.</summary>
    private async Task FlushAsync(string partition, string row, string cacheKey, DateTimeOffset expiresAt, PendingWindow window)
    {
        while (true)
        {
            int delta;
            TaskCompletionSource<int> batch;
            lock (window)
            {
                if (window.Pending == 0 || window.NextBatch is null)
                {
                    window.Flushing = false;
                    return;
                }
                (delta, batch) = (window.Pending, window.NextBatch);
                window.Pending = 0;
                window.NextBatch = null;
            }
            batch.SetResult(await AddAsync(partition, row, cacheKey, delta, expiresAt));
        }
    }

    /// <summary>Adds <paramref name="delta"/> to the counter; returns the count before it, or -1 when it could not be written.</summary>
    private async Task<int> AddAsync(string partition, string row, string cacheKey, int delta, DateTimeOffset expiresAt)
    {
        var table = storage.Table(storage.Names.RateLimits);
        // The first attempt trusts the last counter this instance saw; another instance counting meanwhile makes the
        // write lose, and the helper reads the counter again.
        var options = _lastSeen.TryGetValue(cacheKey, out var seen)
            ? Counting with { FirstRead = _ => ValueTask.FromResult<TableEntity?>(new TableEntity(partition, row) { ETag = seen.ETag, ["Count"] = seen.Count }) }
            : Counting;
        TableEntity? counter = null;
        try
        {
            var before = await table.UpdateAsync(partition, row, found =>
            {
                var count = found?.GetInt32("Count") ?? 0;
                counter = Counter(partition, row, count + delta, expiresAt);
                return EntityChanges.Write(counter, count);
            }, CancellationToken.None, options);
            Remember(cacheKey, counter!.ETag, before + delta);
            return before;
        }
        catch (Exception)
        {
            // Whatever went wrong (storage down, a counter that kept changing), the requests waiting on this batch must be answered.
            _lastSeen.TryRemove(cacheKey, out _);
        }
        // A rate limit protects the service; it must never fail a request. Let these through.
        logger.LogWarning("Rate-limit counter {Key} could not be written; {Count} requests allowed uncounted", cacheKey, delta);
        return -1;
    }

    private sealed class PendingWindow
    {
        public int Pending;
        public bool Flushing;
        public TaskCompletionSource<int>? NextBatch;
    }

    private void Remember(string cacheKey, ETag etag, int count)
    {
        if (etag != default) _lastSeen[cacheKey] = (etag, count);
        else _lastSeen.TryRemove(cacheKey, out _);
        if (_lastSeen.Count > 50_000)
        {
            // Old windows' entries; the next request of each key reads its row again.
            _lastSeen.Clear();
            foreach (var key in _windows.Where(w => !w.Value.Flushing).Select(w => w.Key).ToList()) _windows.TryRemove(key, out _);
        }
    }

    private static TableEntity Counter(string partition, string row, int count, DateTimeOffset expiresAt) =>
        new(partition, row) { ["Count"] = count, ["ExpiresAt"] = expiresAt };

    /// <summary>Deletes counter rows whose window ended before <paramref name="before"/>; returns how many.</summary>
    public async Task<int> PurgeExpiredAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        var table = storage.Table(storage.Names.RateLimits);
        var deleted = 0;
        await foreach (var entity in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"ExpiresAt lt {before}"), select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            await table.DeleteEntityAsync(entity.PartitionKey, entity.RowKey, ETag.All, cancellationToken);
            deleted++;
        }
        _lastSeen.Clear();
        return deleted;
    }
}
