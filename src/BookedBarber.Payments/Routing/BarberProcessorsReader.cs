using BookedBarber.Payments.Connections;
using BookedBarber.Payments.Storage;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;

namespace BookedBarber.Payments.Routing;

/// <summary>
/// Reads a barber's routing inputs from their ledger partition (three reads, in parallel), kept for two seconds so a
/// burst of routing and payments for one barber reads them once. A change made through this instance is seen at once;
/// one made through another instance within two seconds.
/// </summary>
public sealed class BarberProcessorsReader(
    PaymentConfigStore configs, ConnectionStore connections, [FromKeyedServices(InstanceCaches.BarberProcessors)] IMemoryCache recent)
{
    public static readonly TimeSpan KeepFor = TimeSpan.FromSeconds(2);

    /// <summary>How many barbers an instance keeps at most.</summary>
    public const long MaxCachedBarbers = 10_000;

    public Task<BarberProcessors> ReadAsync(int barberId, CancellationToken cancellationToken)
    {
        // The read itself is kept, so concurrent callers share one; a failed or cancelled read is not.
        if (recent.TryGetValue(barberId, out Task<BarberProcessors>? read) && !read!.IsFaulted && !read.IsCanceled)
            return read;
        return recent.Keep(barberId, LoadAsync(barberId, cancellationToken), KeepFor);
    }

    /// <summary>Forgets what was read for the barber, after their configuration or connections changed.</summary>
    public void Invalidate(int barberId) => recent.Remove(barberId);

    private async Task<BarberProcessors> LoadAsync(int barberId, CancellationToken cancellationToken)
    {
        var config = configs.GetAsync(barberId, cancellationToken);
        var platform = connections.GetPlatformAccountAsync(barberId, cancellationToken);
        var external = connections.ListAsync(barberId, cancellationToken);
        await Task.WhenAll(config, platform, external);
        return new BarberProcessors(config.Result, platform.Result, external.Result);
    }
}
