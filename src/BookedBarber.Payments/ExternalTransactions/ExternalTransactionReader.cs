using Azure.Data.Tables;
using BookedBarber.Payments.Ledger;
using BookedBarber.Payments.Storage;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;

namespace BookedBarber.Payments.ExternalTransactions;

/// <summary>
/// The read side of external transactions: a barber's whole list, newest first, kept per instance and read again only
/// when their stamp row's ETag moved (<see cref="ExternalTransactionStore.TouchAsync"/>). So a list call costs one point
/// read however many transactions the barber has, and totals over any filter are computed in memory.
/// </summary>
public sealed class ExternalTransactionReader(StorageAccount storage, [FromKeyedServices(InstanceCaches.ExternalTransactions)] IMemoryCache cache)
{
    /// <summary>How many barbers' lists an instance keeps at most.</summary>
    public const long MaxCachedBarbers = 500;

    /// <summary>A list unused this long is dropped (the next call reads it again).</summary>
    public static readonly TimeSpan KeepUnusedFor = TimeSpan.FromMinutes(10);

    // The columns a list or its totals show; the detail reads the whole row.
    private static readonly string[] ListColumns =
    [
        "TransactionId", "BarberId", "ConnectionId", "ProcessorType", "ExternalTransactionId", "Currency", "AmountMinor", "Status",
        "ProcessedAt", "ProcessorFeesMinor", "RefundedMinor", "AppointmentId", "ClientId", "ExternalCustomerId", "ReconciliationStatus", "ReconciledAt",
    ];

    private TableClient Ledger => storage.Table(storage.Names.Ledger);

    /// <summary>Every transaction of the barber, newest first (fields outside the list's columns are null).</summary>
    public async Task<IReadOnlyList<ExternalTransaction>> ListAsync(int barberId, CancellationToken cancellationToken)
    {
        var partition = LedgerPartition.For(barberId);
        var stampRow = await Ledger.GetEntityIfExistsAsync<TableEntity>(partition, ExternalTransactionRows.StampRow, select: ["PartitionKey"], cancellationToken: cancellationToken);
        // No stamp: the barber never had a transaction written.
        if (!stampRow.HasValue) return [];
        var stamp = stampRow.Value!.ETag.ToString();
        var key = (nameof(ExternalTransactionReader), barberId);
        if (cache.TryGetValue(key, out Snapshot? known) && known!.Stamp == stamp) return known.Transactions;

        // Read after the stamp: a write racing this read has its own newer stamp, so the next call reads again.
        var transactions = new List<ExternalTransaction>();
        await foreach (var entity in Ledger.QueryAsync<TableEntity>(ExternalTransactionRows.Filter(barberId, null, null), select: ListColumns, cancellationToken: cancellationToken))
            transactions.Add(ExternalTransactionRows.FromEntity(entity));
        cache.Set(key, new Snapshot(stamp, transactions), new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = KeepUnusedFor });
        return transactions;
    }

    private sealed record Snapshot(string Stamp, IReadOnlyList<ExternalTransaction> Transactions);
}
