using Azure.Data.Tables;

namespace BookedBarber.Bench;

/// <summary>
/// The floor every API number is read against: a Table point read and an insert straight to the same Azurite,
/// with an entity about the size of an appointment, through the same SDK the application uses.
/// </summary>
public sealed class RawTable(TableClient table)
{
    public const string PointRead = "raw Table GetEntity (point read)";
    public const string Insert = "raw Table AddEntity (insert)";

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
