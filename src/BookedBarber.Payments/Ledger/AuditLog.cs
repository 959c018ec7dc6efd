using BookedBarber.Payments.Http;
using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;
using BookedBarber.Payments.Security;
using BookedBarber.Payments.Storage;

namespace BookedBarber.Payments.Ledger;

/// <summary>
/// An append-only audit trail in the barber's ledger partition, newest first (row keys count down),
/// so "what changed lately" is one partition range read.
/// </summary>
public sealed class AuditLog(StorageAccount storage, TimeProvider clock)
{
    private const string RowPrefix = "audit-";

    public Task RecordAsync<T>(int barberId, Caller actor, string action, T? before, T after, string requestId, CancellationToken cancellationToken) =>
        storage.Table(storage.Names.Ledger).AddEntityAsync(Entry(barberId, actor, action, before, after, requestId), cancellationToken);

    /// <summary>The entry as a row of the barber's partition, to add in the same entity-group transaction as the change it records.</summary>
    public TableEntity Entry<T>(int barberId, Caller actor, string action, T? before, T after, string requestId)
    {
        var now = clock.GetUtcNow();
        var row = RowPrefix + (DateTimeOffset.MaxValue.UtcTicks - now.UtcTicks).ToString("D19", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..8];
        return new TableEntity(LedgerPartition.For(barberId), row)
        {
            ["ActorId"] = actor.UserId,
            ["ActorRole"] = actor.Role,
            ["Action"] = action,
            ["Before"] = before is null ? null : JsonSerializer.Serialize(before, Json.Options),
            ["After"] = JsonSerializer.Serialize(after, Json.Options),
            ["RequestId"] = requestId,
            ["At"] = now,
        };
    }

    public async Task<IReadOnlyList<AuditEntry>> RecentAsync(int barberId, int max, CancellationToken cancellationToken)
    {
        var partition = LedgerPartition.For(barberId);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {RowPrefix} and RowKey lt {"audit."}");
        var entries = new List<AuditEntry>();
        await foreach (var e in storage.Table(storage.Names.Ledger).QueryAsync<TableEntity>(filter, maxPerPage: max, cancellationToken: cancellationToken))
        {
            entries.Add(new AuditEntry(barberId, e.GetInt32("ActorId") ?? 0, e.GetString("ActorRole") ?? "", e.GetString("Action") ?? "",
                e.GetString("Before"), e.GetString("After") ?? "", e.GetString("RequestId") ?? "", e.GetDateTimeOffset("At") ?? default));
            if (entries.Count >= max) break;
        }
        return entries;
    }
}
