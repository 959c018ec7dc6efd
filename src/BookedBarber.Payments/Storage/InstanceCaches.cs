using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Internal;

namespace BookedBarber.Payments.Storage;

/// <summary>
/// Per-instance caches of what this instance read or wrote. One <see cref="IMemoryCache"/> per purpose (keyed services),
/// not one shared: each gets a bound that fits it, and a flood of one kind (rate-limit counters of many users) never
/// evicts another (circuit rows). Every entry has size 1, so a size limit is an entry count; entries expire on the
/// application's clock, so tests moving a fake clock move the caches too.
/// </summary>
public static class InstanceCaches
{
    /// <summary>Appointments by id (<c>Booking.BookingDirectory</c>).</summary>
    public const string Appointments = "appointments";

    /// <summary>A barber's routing inputs (<c>Routing.BarberProcessorsReader</c>).</summary>
    public const string BarberProcessors = "barber-processors";

    /// <summary>A barber's external transactions, as listed (<c>ExternalTransactions.ExternalTransactionReader</c>).</summary>
    public const string ExternalTransactions = "external-transactions";

    /// <summary>Circuit rows (<c>Processing.ProcessorHealth</c>).</summary>
    public const string ProcessorHealth = "processor-health";

    /// <summary>The last rate-limit counter seen per user and window (<c>RateLimiting.RateLimiter</c>).</summary>
    public const string RateLimitCounters = "rate-limit-counters";

    /// <summary>Webhook verification material by connection id (<c>Webhooks.WebhookTargets</c>); a connection's change evicts it (<c>Connections.ConnectionStore</c>).</summary>
    public const string WebhookTargets = "webhook-targets";

    public static IServiceCollection AddInstanceCache(this IServiceCollection services, string purpose, long maxEntries) =>
        services.AddKeyedSingleton<IMemoryCache>(purpose, (sp, _) => Create(sp.GetRequiredService<TimeProvider>(), maxEntries));

    /// <summary>A cache holding at most <paramref name="maxEntries"/> entries, expiring on <paramref name="clock"/>.</summary>
    public static IMemoryCache Create(TimeProvider clock, long maxEntries) =>
        new MemoryCache(new MemoryCacheOptions { SizeLimit = maxEntries, Clock = new ClockAdapter(clock) });

    /// <summary>Keeps <paramref name="value"/> under <paramref name="key"/> until <paramref name="expiresAt"/> (one unit of the size limit).</summary>
    public static T Keep<T>(this IMemoryCache cache, object key, T value, DateTimeOffset expiresAt) =>
        cache.Set(key, value, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpiration = expiresAt });

    /// <summary>Keeps <paramref name="value"/> under <paramref name="key"/> for <paramref name="duration"/> on the cache's clock.</summary>
    public static T Keep<T>(this IMemoryCache cache, object key, T value, TimeSpan duration) =>
        cache.Set(key, value, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = duration });

    /// <summary>
    /// The read kept under <paramref name="key"/>, or <paramref name="read"/> started now and kept for
    /// <paramref name="duration"/>: concurrent callers share one read; one that failed is read again.
    /// </summary>
    public static Task<T> Shared<T>(this IMemoryCache cache, object key, Func<Task<T>> read, TimeSpan duration) =>
        cache.TryGetValue(key, out Task<T>? kept) && kept is { IsFaulted: false, IsCanceled: false } ? kept : cache.Keep(key, read(), duration);

    // MemoryCacheOptions takes an ISystemClock, not yet a TimeProvider.
    private sealed class ClockAdapter(TimeProvider clock) : ISystemClock
    {
        public DateTimeOffset UtcNow => clock.GetUtcNow();
    }
}
