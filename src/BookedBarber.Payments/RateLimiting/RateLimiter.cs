using System.Collections.Concurrent;
using System.Globalization;
using Azure;
using Azure.Data.Tables;
using BookedBarber.Payments.Configuration;
using BookedBarber.Payments.Storage;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BookedBarber.Payments.RateLimiting;

/// <summary>
/// Fixed one-hour windows counted per user and category in Table Storage, so the limits hold across every
/// instance. A counter row is updated with its ETag; the last ETag seen is kept, and one user's concurrent requests
/// are coalesced into one write, so while one instance serves a user a burst costs about one write.
/// </summary>
public sealed class RateLimiter(StorageAccount storage, PaymentsSettings settings, TimeProvider clock,
    [FromKeyedServices(InstanceCaches.RateLimitCounters)] IMemoryCache lastSeen, ILogger<RateLimiter> logger)
{
    /// <summary>How many counters (user, category and window) an instance remembers at most.</summary>
    public const long MaxCachedCounters = 50_000;

    private static readonly OptimisticUpdateOptions Counting = new() { MaxAttempts = 10 };
    private readonly ConcurrentDictionary<string, PendingWindow> _windows = new();

    public int LimitFor(RateLimitCategory category) =>
        settings.RateLimitOverrides.TryGetValue(RateLimitPolicy.SettingSuffix(category), out var limit) ? limit : RateLimitPolicy.DefaultLimit(category);

    public async Task<RateLimitDecision> CountAsync(RateLimitCategory category, string subject, CancellationToken cancellationToken)
    {
        var limit = LimitFor(category);
        var now = clock.GetUtcNow();
        var windowStart = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero);
        var resetAt = windowStart + RateLimitPolicy.Window;
        // Escaped, so no subject can hold a character Table Storage refuses in a key ('/', '\\', '#', '?', controls).
        var partition = $"{RateLimitPolicy.SettingSuffix(category)}|{Uri.EscapeDataString(subject)}";
        var row = WindowKey(windowStart);
        // Below this count a category counted ahead is answered without waiting for its write (see RateLimitPolicy).
        var aheadUpTo = RateLimitPolicy.CountsAhead(category) ? (int)(limit * RateLimitPolicy.CountAheadShare) : 0;
        var count = await IncrementAsync(partition, row, resetAt, aheadUpTo, cancellationToken);
        return new RateLimitDecision(limit, Math.Max(0, limit - count), resetAt, count <= limit);
    }

    public static string WindowKey(DateTimeOffset windowStart) => windowStart.ToString("yyyyMMddHH", CultureInfo.InvariantCulture);

    /// <summary>
    /// Counts one request. Requests of one user arriving while that user's counter is being written are coalesced
    /// into the next write (one +N instead of N serial +1s), and each learns its own position in the count. When the
    /// count this instance knows (its last write, plus what is being written and what waits) is at most
    /// <paramref name="aheadUpTo"/>, the request takes that count as its answer and does not wait for the write.
    /// </summary>
    private async Task<int> IncrementAsync(string partition, string row, DateTimeOffset expiresAt, int aheadUpTo, CancellationToken cancellationToken)
    {
        var cacheKey = partition + "/" + row;
        var window = _windows.GetOrAdd(cacheKey, _ => new PendingWindow());
        Task<int> batchBase;
        int position;
        bool startFlushing;
        int? known = null;
        lock (window)
        {
            position = ++window.Pending;
            window.NextBatch ??= new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
            batchBase = window.NextBatch.Task;
            startFlushing = !window.Flushing;
            window.Flushing = true;
            // Read under the lock, so a write finishing meanwhile is in the seen count or in InFlight, never missing from
            // both (for a moment it may be in both: an over-estimate, on the safe side).
            if (aheadUpTo > 0 && lastSeen.TryGetValue(cacheKey, out (ETag ETag, int Count) seen)) known = seen.Count + window.InFlight + position;
        }
        if (startFlushing) _ = FlushAsync(partition, row, cacheKey, expiresAt, window);
        if (known <= aheadUpTo) return known.Value;
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
                window.InFlight = 0;
                if (window.Pending == 0 || window.NextBatch is null)
                {
                    // Idle: forget the window, so windows do not pile up. A request that already holds it still
                    // flushes it; one arriving later starts a new one (at worst two writers, which ETags keep apart).
                    window.Flushing = false;
                    _windows.TryRemove(new KeyValuePair<string, PendingWindow>(cacheKey, window));
                    return;
                }
                (delta, batch) = (window.Pending, window.NextBatch);
                window.InFlight = delta;
                window.Pending = 0;
                window.NextBatch = null;
            }
            try
            {
                batch.SetResult(await AddAsync(partition, row, cacheKey, delta, expiresAt));
            }
            catch (Exception ex)
            {
                batch.SetException(ex);
            }
        }
    }

    /// <summary>Adds <paramref name="delta"/> to the counter; returns the count before it, or -1 when it could not be written.</summary>
    private async Task<int> AddAsync(string partition, string row, string cacheKey, int delta, DateTimeOffset expiresAt)
    {
        var table = storage.Table(storage.Names.RateLimits);
        // The first attempt trusts the last counter this instance saw; another instance counting meanwhile makes the
        // write lose, and the helper reads the counter again.
        var options = lastSeen.TryGetValue(cacheKey, out (ETag ETag, int Count) seen)
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
            // Kept until the window ends: the counter is of no use after that.
            if (counter!.ETag != default) lastSeen.Keep(cacheKey, (counter.ETag, before + delta), expiresAt);
            else lastSeen.Remove(cacheKey);
            return before;
        }
        catch (Exception ex) when (ex is not RequestFailedException { Status: >= 400 and < 500 })
        {
            // Storage down or slow, or a counter that kept changing: that says nothing about the caller, so let them
            // through (below). Any other refusal (a key storage will not take) is ours to fix, never a reason to stop
            // counting: it fails the waiting requests.
            lastSeen.Remove(cacheKey);
        }
        // A storage outage must not take the service down with it. Let these through.
        logger.LogWarning("Rate-limit counter {Key} could not be written; {Count} requests allowed uncounted", cacheKey, delta);
        return -1;
    }

    private sealed class PendingWindow
    {
        public int Pending;
        public int InFlight;
        public bool Flushing;
        public TaskCompletionSource<int>? NextBatch;
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
        // Remembered counters expire with their windows, so none of the purged rows is still remembered.
        return deleted;
    }
}
