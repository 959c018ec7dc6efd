using Azure.Data.Tables;
using BookedBarber.Payments.Amounts;
using BookedBarber.Payments.ExternalTransactions;
using BookedBarber.Payments.Routing;

namespace BookedBarber.Payments.Collections;

/// <summary>
/// What a barber owes at a cutoff in one currency: the open items (commission-bearing transactions processed by then,
/// not claimed by any collection, owing more than nothing at the rate of their processing time) and the credits due
/// (claimed transactions of <c>collected</c> collections that were refunded or disputed since).
/// </summary>
public sealed record CommissionPool(Currency Currency, IReadOnlyList<PoolItem> Items, IReadOnlyList<PoolCredit> Credits)
{
    public long OwedMinor => Items.Sum(i => i.CommissionMinor);

    public long CreditMinor => Credits.Sum(c => c.AmountMinor);

    public bool IsEmpty => Items.Count == 0 && Credits.Count == 0;

    /// <summary>The pools of every currency the barber has commission or credits in, from what storage holds now.</summary>
    public static IReadOnlyList<CommissionPool> Compute(
        IReadOnlyList<ExternalTransaction> transactions, IReadOnlyDictionary<int, TableEntity> itemRows,
        IReadOnlyDictionary<long, string> collectionStatus, CommissionRateTimeline rates, DateTimeOffset cutoff)
    {
        var open = new List<PoolItem>();
        var credits = new List<PoolCredit>();
        foreach (var t in transactions)
        {
            if (itemRows.TryGetValue(t.Id, out var row))
            {
                // Credits wait while the collection that covered the transaction is not collected.
                var item = CollectionRows.ItemFromEntity(row);
                if (collectionStatus.GetValueOrDefault(item.CollectionId) != CollectionStatus.Collected) continue;
                var due = CommissionCalculator.CreditDue(item, t);
                if (due.IsPositive) credits.Add(new PoolCredit(t, item, row, due.Minor));
                continue;
            }
            if (t.ProcessedAt > cutoff || !CommissionCalculator.Bears(t)) continue;
            var rate = rates.At(t.ProcessedAt);
            var owed = CommissionCalculator.Owed(t, rate);
            if (owed.IsPositive) open.Add(new PoolItem(t, rate, owed.Minor));
        }
        return open.Select(o => o.Transaction.Amount.Currency).Concat(credits.Select(c => c.Item.Currency)).Distinct()
            .OrderBy(c => c.Code, StringComparer.Ordinal)
            .Select(c => new CommissionPool(c,
                open.Where(o => o.Transaction.Amount.Currency == c).OrderBy(o => o.Transaction.ProcessedAt).ThenBy(o => o.Transaction.Id).ToList(),
                credits.Where(x => x.Item.Currency == c).OrderBy(x => x.Transaction.Id).ToList()))
            .ToList();
    }
}
