using BookedBarber.Payments.Connections;
using BookedBarber.Payments.Errors;
using BookedBarber.Payments.Storage;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;

namespace BookedBarber.Payments.Webhooks;

/// <summary>
/// Finds the connection a webhook names and what verifies it. Kept per instance for <see cref="CacheFor"/>: processors
/// deliver in bursts, and the accept path should cost one connection read per burst, not per event (the request
/// pipeline's "does this connection exist" check before counting the rate limit asks here too, so it is the same read).
/// A rotated secret or a disconnect is therefore seen within that time by other instances (this instance's store evicts
/// the entry at once). An id that names no connection is not kept: made-up ids must not fill the cache.
/// </summary>
public sealed class WebhookTargets(ConnectionStore connections, ConnectionSecrets secrets, [FromKeyedServices(WebhookTargets.CachePurpose)] IMemoryCache cache)
{
    public const string CachePurpose = InstanceCaches.WebhookTargets;
    public const int MaxCachedTargets = 10_000;
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);

    /// <summary>The connection's verification material; 404 when there is no such connection of this processor, or it was disconnected.</summary>
    public async Task<WebhookTarget> FindAsync(int connectionId, string processorType, CancellationToken cancellationToken)
    {
        var target = await GetAsync(connectionId, cancellationToken);
        // A disconnected connection is archived: its events are not wanted, and a 404 tells the processor so (no 410 code exists).
        if (target is not { Active: true } || target.ProcessorType != processorType) throw DomainException.NotFound("connection", connectionId);
        return target;
    }

    /// <summary>True when a connection with this id exists (of any processor, disconnected included): it may open a rate-limit budget.</summary>
    public async Task<bool> ExistsAsync(int connectionId, CancellationToken cancellationToken) =>
        await GetAsync(connectionId, cancellationToken) is not null;

    private async Task<WebhookTarget?> GetAsync(int connectionId, CancellationToken cancellationToken)
    {
        if (cache.TryGetValue(connectionId, out WebhookTarget? target)) return target;
        target = await LoadAsync(connectionId, cancellationToken);
        if (target is not null) cache.Keep(connectionId, target, CacheFor);
        return target;
    }

    private async Task<WebhookTarget?> LoadAsync(int connectionId, CancellationToken cancellationToken)
    {
        if (await connections.FindBarberAsync(connectionId, cancellationToken) is not { } barberId) return null;
        var connection = await connections.GetAsync(barberId, connectionId, cancellationToken);
        if (connection is null || connection.Status == ConnectionStatus.Disconnected)
            return new WebhookTarget(barberId, connectionId, connection?.ProcessorType ?? "", null, null, Active: false);
        return new WebhookTarget(barberId, connectionId, connection.ProcessorType, secrets.OpenWebhookSecret(connection), connection.WebhookUrl);
    }
}
