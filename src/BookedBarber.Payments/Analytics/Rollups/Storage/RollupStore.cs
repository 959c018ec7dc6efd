using Azure.Data.Tables;
using BookedBarber.Payments.Ledger;
using BookedBarber.Payments.Storage;

namespace BookedBarber.Payments.Analytics.Rollups.Storage;

/// <summary>
/// A barber's stored daily rollups: one row per local month (<c>m-yyyyMM</c>, <see cref="RollupMonthCodec"/>) and the
/// clients' first paid days (<c>c-NN</c>, <see cref="FirstPaidCodec"/>) in the barber's partition of the analytics table.
/// </summary>
public sealed class RollupStore(StorageAccount storage)
{
    private TableClient Table => storage.Table(storage.Names.Analytics);

    public const string BuiltRow = "rollups";

    /// <summary>Marks the barber's months as complete (a rebuild finished) for days counted in <paramref name="zone"/>.</summary>
    public async Task MarkBuiltAsync(int barberId, TimeZoneInfo zone, DateTimeOffset at, CancellationToken cancellationToken) =>
        await Table.UpsertEntityAsync(new TableEntity(LedgerPartition.For(barberId), BuiltRow) { ["Zone"] = zone.Id, ["BuiltAt"] = at },
            TableUpdateMode.Replace, cancellationToken);

    /// <summary>
    /// Whether the stored months can be read instead of the ledger: a rebuild finished since the barber's first ledger
    /// change, in the time zone their days are counted in now (a shop that changed zone waits for the next rebuild).
    /// </summary>
    public async Task<bool> IsBuiltAsync(int barberId, TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        var found = await Table.GetEntityIfExistsAsync<TableEntity>(LedgerPartition.For(barberId), BuiltRow, cancellationToken: cancellationToken);
        return found.HasValue && found.Value!.GetString("Zone") == zone.Id;
    }

    /// <summary>The stored rollups of local days <paramref name="from"/>..<paramref name="to"/> (inclusive): one range query over their months.</summary>
    public async Task<IReadOnlyList<DailyRollup>> ReadDaysAsync(int barberId, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var days = new List<DailyRollup>();
        if (to < from) return days;
        await foreach (var month in ReadMonthRowsAsync(barberId, from, to, cancellationToken))
            days.AddRange(RollupMonthCodec.FromEntity(month).Where(d => d.Day >= from && d.Day <= to));
        return days;
    }

    /// <summary>The month rows covering local days <paramref name="from"/>..<paramref name="to"/> (every month when null).</summary>
    public IAsyncEnumerable<TableEntity> ReadMonthRowsAsync(int barberId, DateOnly? from, DateOnly? to, CancellationToken cancellationToken)
    {
        var partition = LedgerPartition.For(barberId);
        var low = from is { } f ? RollupMonthCodec.RowKey(f) : "m-";
        var high = to is { } t ? RollupMonthCodec.RowKey(t) : "m-~";
        return Table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {low} and RowKey le {high}"),
            cancellationToken: cancellationToken);
    }

    public async Task DeleteMonthAsync(int barberId, string rowKey, CancellationToken cancellationToken) =>
        await Table.DeleteEntityAsync(LedgerPartition.For(barberId), rowKey, cancellationToken: cancellationToken);

    /// <summary>
    /// Replaces the stored rollups of local days <paramref name="from"/>..<paramref name="to"/> with <paramref name="computed"/>
    /// (days of the span without rollups are removed), month by month under the row's ETag, so concurrent updates of other
    /// days of a month are kept. <paramref name="readAt"/> is when the computation started reading the ledger: a day another
    /// update computed from a later read is kept (the later read saw every payment the earlier one saw), so an update that
    /// read before a payment landed never overwrites one that read after. Returns the months whose days changed, with their days.
    /// </summary>
    public async Task<IReadOnlyDictionary<DateOnly, IReadOnlyList<DailyRollup>>> MergeDaysAsync(int barberId, DateOnly from, DateOnly to,
        IReadOnlyList<DailyRollup> computed, DateTimeOffset readAt, CancellationToken cancellationToken)
    {
        var partition = LedgerPartition.For(barberId);
        var stamp = readAt.ToUnixTimeMilliseconds();
        var changed = new Dictionary<DateOnly, IReadOnlyList<DailyRollup>>();
        for (var month = new DateOnly(from.Year, from.Month, 1); month <= to; month = month.AddMonths(1))
        {
            var first = month;
            var (low, high) = (from > first ? from : first, to < first.AddMonths(1).AddDays(-1) ? to : first.AddMonths(1).AddDays(-1));
            var ours = computed.Where(d => d.Day >= low && d.Day <= high).ToList();
            var written = await Table.UpdateAsync(partition, RollupMonthCodec.RowKey(month), current =>
            {
                var stored = current is null ? [] : RollupMonthCodec.FromEntity(current);
                var stamps = current is null ? [] : RollupMonthCodec.StampsOf(current);
                var taken = new HashSet<DateOnly>();
                for (var day = low; day <= high; day = day.AddDays(1))
                {
                    if (stamps.TryGetValue(day, out var had) && had > stamp) continue;
                    taken.Add(day);
                    stamps[day] = stamp;
                }
                var next = stored.Where(d => !taken.Contains(d.Day)).Concat(ours.Where(d => taken.Contains(d.Day))).ToList();
                var textChanged = RollupMonthCodec.Encode(next) != (current is null ? "" : RollupMonthCodec.TextOf(current));
                if (!textChanged && taken.Count == 0) return EntityChanges.Keep<IReadOnlyList<DailyRollup>?>(null);
                var entity = RollupMonthCodec.ToEntity(partition, first, next);
                RollupMonthCodec.WriteStamps(entity, stamps);
                return EntityChanges.Write<IReadOnlyList<DailyRollup>?>(entity, textChanged ? next : null);
            }, cancellationToken);
            if (written is not null) changed[month] = written;
        }
        return changed;
    }

    /// <summary>The stored first paid days of the clients' buckets (all buckets when <paramref name="clients"/> is null).</summary>
    public async Task<Dictionary<int, DateOnly>> ReadFirstPaidAsync(int barberId, IEnumerable<int>? clients, CancellationToken cancellationToken)
    {
        var partition = LedgerPartition.For(barberId);
        var map = new Dictionary<int, DateOnly>();
        if (clients is null)
        {
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {FirstPaidCodec.Prefix} and RowKey lt {"c."}");
            await foreach (var row in Table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
                foreach (var (c, d) in FirstPaidCodec.FromEntity(row)) map[c] = d;
            return map;
        }
        foreach (var bucket in clients.Select(FirstPaidCodec.BucketOf).Distinct())
        {
            var found = await Table.GetEntityIfExistsAsync<TableEntity>(partition, FirstPaidCodec.RowKey(bucket), cancellationToken: cancellationToken);
            if (found.HasValue) foreach (var (c, d) in FirstPaidCodec.FromEntity(found.Value!)) map[c] = d;
        }
        return map;
    }

    /// <summary>
    /// Makes the stored first paid days of these clients <paramref name="earliest"/> when earlier (or absent), each bucket
    /// under its ETag (a first paid day only ever moves earlier, so concurrent merges commute). Returns, for each client
    /// whose stored day moved, the day it had.
    /// </summary>
    public async Task<IReadOnlyDictionary<int, DateOnly>> MergeFirstPaidAsync(int barberId, IReadOnlyDictionary<int, DateOnly> earliest, CancellationToken cancellationToken)
    {
        var partition = LedgerPartition.For(barberId);
        var moved = new Dictionary<int, DateOnly>();
        foreach (var bucket in earliest.GroupBy(p => FirstPaidCodec.BucketOf(p.Key)))
        {
            var result = await Table.UpdateAsync(partition, FirstPaidCodec.RowKey(bucket.Key), current =>
            {
                var map = current is null ? [] : FirstPaidCodec.FromEntity(current);
                var movedHere = new Dictionary<int, DateOnly>();
                var changed = false;
                foreach (var (client, day) in bucket)
                {
                    if (map.TryGetValue(client, out var had) && had <= day) continue;
                    if (map.ContainsKey(client)) movedHere[client] = had;
                    map[client] = day;
                    changed = true;
                }
                return changed
                    ? EntityChanges.Write(FirstPaidCodec.ToEntity(partition, bucket.Key, map), movedHere)
                    : EntityChanges.Keep(movedHere);
            }, cancellationToken);
            foreach (var (c, d) in result) moved[c] = d;
        }
        return moved;
    }

    /// <summary>Replaces the barber's first paid days with <paramref name="firstPaid"/> (a rebuild): writes only buckets that differ.</summary>
    public async Task ReplaceFirstPaidAsync(int barberId, IReadOnlyDictionary<int, DateOnly> firstPaid, CancellationToken cancellationToken)
    {
        var partition = LedgerPartition.For(barberId);
        var stored = new Dictionary<string, TableEntity>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {FirstPaidCodec.Prefix} and RowKey lt {"c."}");
        await foreach (var row in Table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken)) stored[row.RowKey] = row;
        var byBucket = firstPaid.GroupBy(p => FirstPaidCodec.BucketOf(p.Key)).ToDictionary(g => FirstPaidCodec.RowKey(g.Key), g => g);
        foreach (var (rowKey, pairs) in byBucket)
        {
            var text = FirstPaidCodec.Encode(pairs);
            if (stored.TryGetValue(rowKey, out var had) && RollupMonthCodec.TextOf(had) == text) continue;
            await Table.UpsertEntityAsync(FirstPaidCodec.ToEntity(partition, pairs.Key, pairs), TableUpdateMode.Replace, cancellationToken);
        }
        foreach (var rowKey in stored.Keys.Where(k => !byBucket.ContainsKey(k)))
            await Table.DeleteEntityAsync(partition, rowKey, cancellationToken: cancellationToken);
    }
}
