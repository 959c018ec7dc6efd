using System.Globalization;
using Azure.Data.Tables;
using BookedBarber.Payments.Ledger;
using BookedBarber.Payments.Storage;

namespace BookedBarber.Payments.Routing;

/// <summary>
/// Every commission rate a barber has had and from when (rows <c>rate-{ticks of effective_from}</c> of their ledger
/// partition): commission on an outside payment is owed at the rate in force when it was processed, however late it
/// is synced or collected.
/// </summary>
public sealed class CommissionRateHistory(StorageAccount storage, PaymentConfigStore configs)
{
    public const string RowPrefix = "rate-";

    private TableClient Ledger => storage.Table(storage.Names.Ledger);

    /// <summary>Records a change of rate: the old rate keeps every instant before <paramref name="effectiveFrom"/>.</summary>
    public async Task RecordChangeAsync(int barberId, decimal oldRate, decimal newRate, DateTimeOffset effectiveFrom, CancellationToken cancellationToken)
    {
        var partition = LedgerPartition.For(barberId);
        // The first change also records the rate the barber had from the start (written once; later changes keep it).
        await Ledger.TryAddEntityAsync(Row(partition, DateTimeOffset.MinValue, oldRate), cancellationToken);
        await Ledger.UpsertEntityAsync(Row(partition, effectiveFrom, newRate), TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>The barber's rates over time; a barber whose rate never changed has their configured rate throughout.</summary>
    public async Task<CommissionRateTimeline> ReadAsync(int barberId, CancellationToken cancellationToken)
    {
        var partition = LedgerPartition.For(barberId);
        var rows = new List<TableEntity>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {RowPrefix} and RowKey lt {RowEnd}");
        await foreach (var e in Ledger.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken)) rows.Add(e);
        // The configuration is read only when no change was ever recorded.
        return Timeline(rows, rows.Count > 0 ? 0m : (await configs.GetAsync(barberId, cancellationToken)).CommissionRate);
    }

    public const string RowEnd = "rate.";

    /// <summary>
    /// The timeline from the barber's <c>rate-</c> rows read by a caller's own query (the collection builder reads them
    /// with the rest of the partition it needs); none: <paramref name="configuredRate"/> throughout.
    /// </summary>
    public static CommissionRateTimeline Timeline(IEnumerable<TableEntity> rows, decimal configuredRate)
    {
        var changes = new List<(DateTimeOffset From, decimal Rate)>();
        foreach (var e in rows)
            if (decimal.TryParse(e.GetString("Rate"), NumberStyles.Number, CultureInfo.InvariantCulture, out var rate))
                changes.Add((e.GetDateTimeOffset("EffectiveFrom") ?? DateTimeOffset.MinValue, rate));
        if (changes.Count == 0) changes.Add((DateTimeOffset.MinValue, configuredRate));
        return new CommissionRateTimeline(changes);
    }

    private static TableEntity Row(string partition, DateTimeOffset from, decimal rate) =>
        new(partition, RowPrefix + from.UtcTicks.ToString("D19", CultureInfo.InvariantCulture))
        {
            ["EffectiveFrom"] = from,
            ["Rate"] = rate.ToString(CultureInfo.InvariantCulture),
        };
}
