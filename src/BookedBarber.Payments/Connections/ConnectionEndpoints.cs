using System.Globalization;
using BookedBarber.Payments.Http;
using BookedBarber.Payments.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace BookedBarber.Payments.Connections;

/// <summary><c>/external-payments/connections</c>: list, create, read, update and delete a barber's processor connections.</summary>
public static class ConnectionEndpoints
{
    public static async Task<Ok<ListConnectionsResponse>> List(
        [FromQuery] int? barberId, Caller caller, TenantAccess tenants, ConnectionStore store, CancellationToken cancellationToken)
    {
        var barber = await tenants.SubjectAsync(caller, barberId, cancellationToken);
        var connections = (await store.ListAsync(barber, cancellationToken)).Select(ConnectionViews.ListItem).ToList();
        return TypedResults.Ok(new ListConnectionsResponse(connections, connections.Count, ProcessorTypes.Supported));
    }

    public static async Task<Created<CreateConnectionResponse>> Create(
        [FromBody] CreateConnectionRequest body, [FromQuery] int? barberId, ApiCall call, TenantAccess tenants, ConnectionManager connections,
        CancellationToken cancellationToken)
    {
        var barber = await tenants.SubjectAsync(call.Caller, barberId, cancellationToken);
        var request = call.Http.Request;
        var created = await connections.CreateAsync(barber, body, new Uri($"{request.Scheme}://{request.Host}"), cancellationToken);
        var location = $"/{RouteTable.Prefix}/external-payments/connections/{created.Id.ToString(CultureInfo.InvariantCulture)}";
        call.Http.Response.Headers.Location = location;
        return TypedResults.Created(location, created);
    }

    public static async Task<Ok<ConnectionDetailResponse>> Get(
        [FromRoute] int connectionId, Caller caller, ConnectionAccess access, TimeProvider clock, CancellationToken cancellationToken) =>
        TypedResults.Ok(ConnectionViews.Detail(await access.ConnectionAsync(caller, connectionId, cancellationToken), clock.GetUtcNow()));

    public static async Task<Ok<UpdateConnectionResponse>> Update(
        [FromRoute] int connectionId, [FromBody] UpdateConnectionRequest body, Caller caller, ConnectionAccess access, ConnectionManager connections,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await connections.UpdateAsync(await access.LiveConnectionAsync(caller, connectionId, cancellationToken), body, cancellationToken));

    public static async Task<Ok<DeleteConnectionResponse>> Delete(
        [FromRoute] int connectionId, Caller caller, ConnectionAccess access, ConnectionManager connections, CancellationToken cancellationToken) =>
        TypedResults.Ok(await connections.DeleteAsync(await access.LiveConnectionAsync(caller, connectionId, cancellationToken), cancellationToken));
}
