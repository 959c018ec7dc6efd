using Azure.Data.Tables;

namespace BookedBarber.Bench;

/// <summary>
/// The floor every API number is read against: a Table point read and an insert straight to the same Azurite,
/// with an entity about the size of an appointment, through the same SDK the application uses; and the storage a keyed
/// payment cannot do without, with no HTTP, auth or processor around it.
/// </summary>
public sealed class RawTable(TableClient table)
{
    public const string PointRead = "raw Table GetEntity (point read)";
    public const string Insert = "raw Table AddEntity (insert)";
    public const string PaymentStorage = "raw payment storage (read+claim+record+settle)";

    private readonly string _runId = Guid.NewGuid().ToString("N")[..8];
    private long _inserted;

    public static async Task<RawTable> CreateAsync(string connectionString, CancellationToken cancellationToken)
    {
        var table = new TableClient(connectionString, "benchraw");
        await table.CreateIfNotExistsAsync(cancellationToken);
        await table.UpsertEntityAsync(Entity("read", "appointment"), cancellationToken: cancellationToken);
        return new RawTable(table);
    }

    public async Task<string?> ReadAsync(CancellationToken cancellationToken)
    {
        var response = await table.GetEntityAsync<TableEntity>("read", "appointment", cancellationToken: cancellationToken);
        return response.GetRawResponse().Status == 200 ? null : $"status {response.GetRawResponse().Status}";
    }

    public async Task<string?> InsertAsync(CancellationToken cancellationToken)
    {
        // One partition per entity, as the booking directory stores appointments.
        var partition = $"ins-{_runId}-{Interlocked.Increment(ref _inserted)}";
        var response = await table.AddEntityAsync(Entity(partition, "appointment"), cancellationToken);
        return response.Status == 204 ? null : $"status {response.Status}";
    }

    /// <summary>
    /// What durably taking one keyed payment needs at least, in order: read the appointment, claim the key (an insert
    /// in its own partition), record the attempt with the appointment's lock (one 2-entity transaction in the barber's
    /// partition), settle both (another). Every payment lands in one barber's partition, as in the process scenarios.
    /// </summary>
    public async Task<string?> PaymentStorageAsync(CancellationToken cancellationToken)
    {
        var n = Interlocked.Increment(ref _inserted);
        var ledger = $"ledger-{_runId}";
        await table.GetEntityAsync<TableEntity>("read", "appointment", cancellationToken: cancellationToken);
        await table.AddEntityAsync(new TableEntity($"key-{_runId}-{n}", "key") { ["Fingerprint"] = _runId, ["State"] = "in_flight" }, cancellationToken);
        var attempt = Attempt(ledger, $"pay-{n:D12}");
        var lockRow = new TableEntity(ledger, $"apptpay-{n:D12}") { ["Status"] = "pending", ["AttemptRow"] = attempt.RowKey };
        await table.SubmitTransactionAsync([new(TableTransactionActionType.Add, attempt), new(TableTransactionActionType.Add, lockRow)], cancellationToken);
        attempt["Status"] = lockRow["Status"] = "completed";
        var settled = await table.SubmitTransactionAsync(
            [new(TableTransactionActionType.UpdateReplace, attempt, Azure.ETag.All), new(TableTransactionActionType.UpdateReplace, lockRow, Azure.ETag.All)], cancellationToken);
        return settled.GetRawResponse().Status == 202 ? null : $"status {settled.GetRawResponse().Status}";
    }

    private static TableEntity Attempt(string partition, string row)
    {
        var attempt = new TableEntity(partition, row) { ["Status"] = "pending", ["CreatedAt"] = DateTimeOffset.UtcNow };
        foreach (var name in new[] { "AttemptId", "Decision", "Processor", "Currency", "ProcessorIdempotencyKey", "ProcessorPaymentId" }) attempt[name] = $"bench-{name}";
        foreach (var name in new[] { "BarberId", "AppointmentId", "AmountMinor", "ProcessingFeeMinor", "CommissionMinor", "DurationMs" }) attempt[name] = 7500L;
        return attempt;
    }

    private static TableEntity Entity(string partition, string row) => new(partition, row)
    {
        ["BarberId"] = 2,
        ["ClientId"] = 101,
        ["ClientName"] = "Bench Client",
        ["ServiceName"] = "Skin Fade",
        ["StartTime"] = new DateTimeOffset(2030, 1, 1, 9, 0, 0, TimeSpan.Zero),
        ["PriceMinor"] = 4500L,
        ["Currency"] = "USD",
    };
}
