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
/// instance. A counter row is updated with its ETag; the last ETag seen is kept so that, while one instance
/// serves a user, each request costs a single write.
/// </summary>
public sealed class RateLimiter(StorageAccount storage, PaymentsSettings settings, TimeProvider clock, ILogger<RateLimiter> logger)
{
    private readonly ConcurrentDictionary<string, (ETag ETag, int Count)> _lastSeen = new();
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _gates = new();

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

    private async Task<int> IncrementAsync(string partition, string row, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        var cacheKey = partition + "/" + row;
        // One writer per counter in this instance: concurrent requests of one user queue here instead of
        // colliding on the row's ETag. Collisions with other instances are retried below.
        var gate = _gates.GetOrAdd(cacheKey, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            for (var attempt = 0; attempt < 10; attempt++)
            {
                try
                {
                    return await TryIncrementAsync(partition, row, cacheKey, expiresAt, cancellationToken);
                }
                catch (RequestFailedException ex) when (ex.Status is 409 or 412)
                {
                    _lastSeen.TryRemove(cacheKey, out _);
                    await Task.Delay(Random.Shared.Next(1, 5 + attempt * 10), cancellationToken);
                }
            }
        }
        finally
        {
            gate.Release();
        }
        // A rate limit protects the service; it must never fail a request. Let this one through.
        logger.LogWarning("Rate-limit counter {Key} stayed contended; request allowed uncounted", cacheKey);
        return 0;
    }

    private async Task<int> TryIncrementAsync(string partition, string row, string cacheKey, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        var table = storage.Table(storage.Names.RateLimits);
        if (!_lastSeen.TryGetValue(cacheKey, out var seen))
        {
            var existing = await table.GetEntityIfExistsAsync<TableEntity>(partition, row, cancellationToken: cancellationToken);
            if (!existing.HasValue)
            {
                var added = await table.AddEntityAsync(Counter(partition, row, 1, expiresAt), cancellationToken);
                Remember(cacheKey, added.Headers.ETag, 1);
                return 1;
            }
            seen = (existing.Value!.ETag, existing.Value.GetInt32("Count") ?? 0);
        }
        var updated = await table.UpdateEntityAsync(Counter(partition, row, seen.Count + 1, expiresAt), seen.ETag, TableUpdateMode.Replace, cancellationToken);
        Remember(cacheKey, updated.Headers.ETag, seen.Count + 1);
        return seen.Count + 1;
    }

    private void Remember(string cacheKey, ETag? etag, int count)
    {
        if (etag is { } tag) _lastSeen[cacheKey] = (tag, count);
        else _lastSeen.TryRemove(cacheKey, out _);
        if (_lastSeen.Count > 50_000)
        {
            // Old windows' entries; the next request of each key reads its row again.
            _lastSeen.Clear();
            _gates.Clear();
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
