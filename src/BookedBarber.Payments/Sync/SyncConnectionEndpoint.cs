using BookedBarber.Payments.Connections;
using BookedBarber.Payments.Errors;
using BookedBarber.Payments.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace BookedBarber.Payments.Sync;

/// <summary>
/// <c>POST /external-payments/connections/{connection_id}/sync?since=&amp;force=</c>: syncs the connection now and answers
/// with true counts. A run larger than a request waits for (<see cref="SyncOptions.RequestPageBudget"/> pages or
/// <see cref="SyncOptions.RequestTimeBudget"/>) stops, continues on the queue and says so
/// (<c>continues_in_background: true</c>, <c>sync_completed_at: null</c>). Another tenant's connection is 404; a
/// disconnected one 409; a sync already running 409 CONFLICT with its start in details; <c>since</c> in the future 400.
/// </summary>
public static class SyncConnectionEndpoint
{
    public static async Task<Ok<SyncConnectionResponse>> Handle(
        [FromRoute] int connectionId, [FromQuery] DateTimeOffset? since, [FromQuery] bool? force, Caller caller,
        ConnectionAccess connections, TransactionSyncEngine engine, SyncSchedule schedule, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (since > now) throw DomainException.Validation("since", "since must not be in the future.");
        var connection = await connections.ConnectionAsync(caller, connectionId, cancellationToken);
        if (connection.Status == ConnectionStatus.Disconnected)
            throw new DomainException(ErrorCodes.Conflict, "The connection is disconnected; reconnect it to sync.",
                new Dictionary<string, object?> { ["connection_id"] = connectionId, ["status"] = connection.Status });

        var outcome = await engine.RunAsync(connection, since, force ?? false, bounded: true, cancellationToken);
        return TypedResults.Ok(new SyncConnectionResponse(
            outcome.StartedAt, outcome.CompletedAt, outcome.Synced, outcome.New, outcome.Updated, outcome.Errors,
            schedule.NextAfter(outcome.CompletedAt ?? now), outcome.ContinuesInBackground));
    }
}
