using System.Globalization;
using Azure.Data.Tables;
using BookedBarber.Payments.Ledger;
using BookedBarber.Payments.Storage;

namespace BookedBarber.Payments.Analytics.Peers;

/// <summary>Partition <c>peers-yyyyMM</c> of the analytics table, one row per barber: the month's figures of every barber.</summary>
public sealed class PeerMonthStore(StorageAccount storage)
{
    private TableClient Table => storage.Table(storage.Names.Analytics);

    public static string Partition(string month) => "peers-" + month.Replace("-", "", StringComparison.Ordinal);

    public async Task PutAsync(PeerMonth peer, CancellationToken cancellationToken) =>
        await Table.UpsertEntityAsync(new TableEntity(Partition(peer.Month), LedgerPartition.For(peer.BarberId))
        {
            ["Month"] = peer.Month,
            ["CurrencyCode"] = peer.CurrencyCode,
            ["Payments"] = peer.Payments,
            ["Successes"] = peer.Successes,
            ["Volume"] = Text(peer.Volume),
            ["NetEarnings"] = Text(peer.NetEarnings),
            ["FeesAndCommission"] = Text(peer.FeesAndCommission),
            ["DistinctClients"] = peer.DistinctClients,
            ["UpdatedAt"] = peer.UpdatedAt,
        }, TableUpdateMode.Replace, cancellationToken);

    /// <summary>Every barber's figures of the month.</summary>
    public async Task<IReadOnlyList<PeerMonth>> ListAsync(string month, CancellationToken cancellationToken)
    {
        var list = new List<PeerMonth>();
        await foreach (var e in Table.QueryAsync<TableEntity>(e => e.PartitionKey == Partition(month), cancellationToken: cancellationToken))
        {
            list.Add(new PeerMonth(
                month,
                int.Parse(e.RowKey, CultureInfo.InvariantCulture),
                e.GetString("CurrencyCode") ?? "USD",
                e.GetInt32("Payments") ?? 0,
                e.GetInt32("Successes") ?? 0,
                Number(e.GetString("Volume")),
                Number(e.GetString("NetEarnings")),
                Number(e.GetString("FeesAndCommission")),
                e.GetInt32("DistinctClients") ?? 0,
                e.GetDateTimeOffset("UpdatedAt") ?? DateTimeOffset.MinValue));
        }
        return list;
    }

    private static string Text(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private static decimal Number(string? text) => text is null ? 0m : decimal.Parse(text, CultureInfo.InvariantCulture);
}
