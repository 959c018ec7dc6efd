using BookedBarber.Payments.Connections;
using BookedBarber.Payments.ExternalTransactions;
using BookedBarber.Payments.Routing;

namespace BookedBarber.Payments.Collections;

/// <summary>
/// A transaction's <c>commission_collection</c>: its claim's collection (what that collection charged for it, and the
/// collection's status now), or, while it is in the open pool, what it owes now with <c>collection_status</c> <c>open</c>.
/// A claim whose collection is still being built reads as open: that collection is not a statement yet.
/// </summary>
public sealed class TransactionCommissionReader(CollectionStore store, CommissionRateHistory rates, TimeProvider clock) : ITransactionCommissionReader
{
    public const string Open = "open";

    public async Task<TransactionCommissionCollection?> ReadAsync(ExternalTransaction transaction, CancellationToken cancellationToken)
    {
        if (await store.ItemAsync(transaction.BarberId, transaction.Id, cancellationToken) is { } claim
            && await store.GetAsync(claim.CollectionId, cancellationToken) is { } collection && collection.Status != CollectionStatus.Building)
            return new TransactionCommissionCollection(collection.Id, claim.Commission.ToMajor(), collection.StatusAt(clock.GetUtcNow()));
        if (!CommissionCalculator.Bears(transaction)) return null;
        var timeline = await rates.ReadAsync(transaction.BarberId, cancellationToken);
        var owed = CommissionCalculator.Owed(transaction, timeline.At(transaction.ProcessedAt));
        return owed.IsPositive ? new TransactionCommissionCollection(null, owed.ToMajor(), Open) : null;
    }
}
