using BookedBarber.Payments.Errors;
using BookedBarber.Payments.Security;

namespace BookedBarber.Payments.Connections;

/// <summary>
/// The connection a request names, when the caller may act on its barber (whose connections a list or create is about is
/// <see cref="TenantAccess.SubjectAsync"/>). Anyone else's connection is 404, never 403.
/// </summary>
public sealed class ConnectionAccess(TenantAccess tenants, ConnectionStore store)
{
    /// <summary>The connection, when the caller may act on its barber; 404 otherwise.</summary>
    public async Task<ProcessorConnection> ConnectionAsync(Caller caller, int connectionId, CancellationToken cancellationToken)
    {
        var barberId = await store.FindBarberAsync(connectionId, cancellationToken);
        if (barberId is not { } owner || !await tenants.CanActOnBarberAsync(caller, owner, cancellationToken))
            throw DomainException.NotFound("connection", connectionId);
        return await store.GetAsync(owner, connectionId, cancellationToken) ?? throw DomainException.NotFound("connection", connectionId);
    }

    /// <summary>A connection that is still connected (or in error); a disconnected one can be read, not changed: 404.</summary>
    public async Task<ProcessorConnection> LiveConnectionAsync(Caller caller, int connectionId, CancellationToken cancellationToken)
    {
        var connection = await ConnectionAsync(caller, connectionId, cancellationToken);
        if (connection.Status == ConnectionStatus.Disconnected) throw Disconnected(connection);
        return connection;
    }

    /// <summary>The 404 for changing a connection that was disconnected (archived connections are read-only).</summary>
    public static DomainException Disconnected(ProcessorConnection connection) =>
        new(ErrorCodes.NotFound, $"connection {connection.Id} was disconnected.",
            new Dictionary<string, object?> { ["resource"] = "connection", ["id"] = connection.Id, ["status"] = ConnectionStatus.Disconnected, ["disconnected_at"] = connection.DisconnectedAt });
}
