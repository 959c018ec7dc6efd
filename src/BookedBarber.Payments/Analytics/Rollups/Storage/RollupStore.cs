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

    public async Task WriteMonthAsync(int barberId, DateOnly month, IEnumerable<DailyRollup> days, CancellationToken cancellationToken) =>
        await Table.UpsertEntityAsync(RollupMonthCodec.ToEntity(LedgerPartition.For(barberId), month, days), TableUpdateMode.Replace, cancellationToken);

    public async Task DeleteMonthAsync(int barberId, string rowKey, CancellationToken cancellationToken) =>
        await Table.DeleteEntityAsync(LedgerPartition.For(barberId), rowKey, cancellationToken: cancellationToken);

    /// <summary>
    /// Replaces the stored rollups of local days <paramref name="from"/>..<paramref name="to"/> with <paramref name="computed"/>
    /// (days of the span without rollups are removed), month by month under the row's ETag, so concurrent updates of other
    /// days of a month are kept. <paramref name="returning"/> recomputes the returning clients of other stored days when given
    /// (a client's first paid day moved), also in the months of <paramref name="alsoDays"/>. Returns the months whose rows changed, with their days.
    /// </summary>
    public async Task<IReadOnlyDictionary<DateOnly, IReadOnlyList<DailyRollup>>> MergeDaysAsync(int barberId, DateOnly from, DateOnly to,
        IReadOnlyList<DailyRollup> computed, Func<DailyRollup, DailyRollup>? returning, CancellationToken cancellationToken,
        IEnumerable<DateOnly>? alsoDays = null)
    {
        var partition = LedgerPartition.For(barberId);
        var changed = new Dictionary<DateOnly, IReadOnlyList<DailyRollup>>();
        var months = new SortedSet<DateOnly>();
        for (var month = new DateOnly(from.Year, from.Month, 1); month <= to; month = month.AddMonths(1)) months.Add(month);
        foreach (var day in alsoDays ?? []) months.Add(new DateOnly(day.Year, day.Month, 1));
        foreach (var month in months)
        {
            var first = month;
            var ours = computed.Where(d => d.Day.Year == first.Year && d.Day.Month == first.Month).ToList();
            var written = await Table.UpdateAsync(partition, RollupMonthCodec.RowKey(month), current =>
            {
                var stored = current is null ? [] : RollupMonthCodec.FromEntity(current);
                var kept = stored.Where(d => d.Day < from || d.Day > to).Select(d => returning is null ? d : returning(d));
                var next = kept.Concat(ours).ToList();
                var before = current is null ? "" : RollupMonthCodec.TextOf(current);
                if (RollupMonthCodec.Encode(next) == before) return EntityChanges.Keep<IReadOnlyList<DailyRollup>?>(null);
                return EntityChanges.Write<IReadOnlyList<DailyRollup>?>(RollupMonthCodec.ToEntity(partition, first, next), next);
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
