using System.Globalization;
using System.IO.Compression;
using System.Text;
using Azure;
using Azure.Data.Tables;
using BookedBarber.Payments.Errors;
using BookedBarber.Payments.Storage;

namespace BookedBarber.Payments.Webhooks;

/// <summary>
/// The verified events, one row per (source, connection, event id) in a table of their own: recording is a single
/// conditional insert, so the first delivery of an event wins and every redelivery finds it. The payload is kept in the
/// row, so the queue message only names the row: as text when it fits one string property (processors' events are a
/// few KB: no compression to pay on the accept path), else gzipped in 64 KB binary properties (an entity holds at most 1 MiB).
/// </summary>
public sealed class WebhookEventLog(StorageAccount storage)
{
    private const int ChunkBytes = 64 * 1024;
    private const int MaxChunks = 15;

    /// <summary>A string property holds 64 KiB of UTF-16: payloads up to this many characters are kept as they came.</summary>
    private const int MaxPlainChars = 32 * 1024;

    private TableClient Table => storage.Table(storage.Names.WebhookEvents);

    /// <summary>Records the event; null when this was its first delivery, else the earlier record (type and time only).</summary>
    public async Task<WebhookEvent?> TryRecordAsync(WebhookEvent received, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(Partition(received.Source, received.ConnectionId), received.EventId)
        {
            ["Source"] = received.Source,
            ["ConnectionId"] = received.ConnectionId,
            ["BarberId"] = received.BarberId,
            ["EventType"] = received.EventType,
            ["ReceivedAt"] = received.ReceivedAt,
        };
        if (received.Payload.Length <= MaxPlainChars) entity[PlainPayload] = received.Payload;
        else
        {
            var chunks = Compress(received.Payload);
            if (chunks.Count > MaxChunks)
                throw new DomainException(ErrorCodes.PayloadTooLarge, "The event is too large to keep.", new Dictionary<string, object?> { ["event_id"] = received.EventId });
            for (var i = 0; i < chunks.Count; i++) entity[ChunkName(i)] = chunks[i];
        }
        // Twice at most: a record forgotten between our insert and our read (its message could not be queued) is claimable again.
        for (var attempt = 0; ; attempt++)
        {
            if (await Table.TryAddEntityAsync(entity, cancellationToken)) return null;
            var earlier = await Table.GetEntityIfExistsAsync<TableEntity>(entity.PartitionKey, entity.RowKey, select: ["EventType", "ReceivedAt"], cancellationToken: cancellationToken);
            if (earlier.HasValue || attempt > 0)
                return received with
                {
                    EventType = earlier.HasValue ? earlier.Value!.GetString("EventType") ?? received.EventType : received.EventType,
                    ReceivedAt = earlier.HasValue ? earlier.Value!.GetDateTimeOffset("ReceivedAt") ?? received.ReceivedAt : received.ReceivedAt,
                    Payload = "",
                };
        }
    }

    public async Task<WebhookEvent?> GetAsync(string source, int connectionId, string eventId, CancellationToken cancellationToken)
    {
        var found = await Table.GetEntityIfExistsAsync<TableEntity>(Partition(source, connectionId), eventId, cancellationToken: cancellationToken);
        if (!found.HasValue) return null;
        var e = found.Value!;
        var payload = e.GetString(PlainPayload);
        if (payload is null)
        {
            var chunks = new List<byte[]>();
            for (var i = 0; e.GetBinary(ChunkName(i)) is { } chunk; i++) chunks.Add(chunk);
            payload = Decompress(chunks);
        }
        return new WebhookEvent(source, connectionId, e.GetInt32("BarberId") ?? 0, eventId, e.GetString("EventType") ?? "",
            e.GetDateTimeOffset("ReceivedAt") ?? default, payload, e.GetDateTimeOffset("HandledAt"));
    }

    /// <summary>Notes that the event was applied (a redelivered queue message then does nothing).</summary>
    public Task MarkHandledAsync(WebhookEvent handled, DateTimeOffset at, string outcome, CancellationToken cancellationToken) =>
        Table.UpdateEntityAsync(new TableEntity(Partition(handled.Source, handled.ConnectionId), handled.EventId) { ["HandledAt"] = at, ["Outcome"] = outcome },
            ETag.All, TableUpdateMode.Merge, cancellationToken);

    /// <summary>Removes a record whose message could not be queued, so the processor's retry is accepted afresh.</summary>
    public async Task ForgetAsync(WebhookEvent received, CancellationToken cancellationToken)
    {
        try
        {
            await Table.DeleteEntityAsync(Partition(received.Source, received.ConnectionId), received.EventId, ETag.All, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // Never written.
        }
    }

    /// <summary>Every recorded event of a connection (tests and operators).</summary>
    public async Task<IReadOnlyList<string>> ListIdsAsync(string source, int connectionId, CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        await foreach (var e in Table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Partition(source, connectionId)}"), select: ["RowKey"], cancellationToken: cancellationToken))
            ids.Add(e.RowKey);
        return ids;
    }

    private static string Partition(string source, int connectionId) => $"{source}|{connectionId.ToString("D10", CultureInfo.InvariantCulture)}";

    private const string PlainPayload = "Payload";

    private static string ChunkName(int index) => $"Payload{index.ToString("D2", CultureInfo.InvariantCulture)}";

    private static List<byte[]> Compress(string payload)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
            gzip.Write(Encoding.UTF8.GetBytes(payload));
        var bytes = buffer.ToArray();
        var chunks = new List<byte[]>();
        for (var offset = 0; offset < bytes.Length; offset += ChunkBytes)
            chunks.Add(bytes[offset..Math.Min(bytes.Length, offset + ChunkBytes)]);
        return chunks;
    }

    private static string Decompress(List<byte[]> chunks)
    {
        if (chunks.Count == 0) return "";
        using var gzip = new GZipStream(new MemoryStream(chunks.SelectMany(c => c).ToArray()), CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
