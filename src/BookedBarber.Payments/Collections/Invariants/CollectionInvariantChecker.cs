using Azure.Data.Tables;
using BookedBarber.Payments.Connections;
using BookedBarber.Payments.Ledger;
using BookedBarber.Payments.Storage;

namespace BookedBarber.Payments.Collections;

/// <summary>
/// Checks what collections promise, from what storage holds: every claimed transaction is in exactly one collection
/// (<see cref="TransactionInOneCollection"/>), every collection's amounts are its items' commissions and its credits
/// (<see cref="AmountIsCommissionsLessCredits"/>), and Stripe holds exactly the charges its status implies
/// (<see cref="CollectedOnceAtProcessor"/>, the charger's audit). Read-only: operators and the crash tests run it.
/// </summary>
public sealed class CollectionInvariantChecker(CollectionStore store, ConnectionStore connections, GlobalLookup lookup, CollectionChargeAudit audit)
{
    public const string TransactionInOneCollection = "transaction_in_one_collection";
    public const string AmountIsCommissionsLessCredits = "amount_is_commissions_less_credits";
    public const string CollectedOnceAtProcessor = "collected_once_at_processor";

    /// <summary>Checks the given barbers, or (null) every barber with a connection or a collection.</summary>
    public async Task<CollectionInvariantReport> CheckAsync(IReadOnlyList<int>? barberIds, CancellationToken cancellationToken)
    {
        var barbers = barberIds?.Distinct().ToList() ?? await AllBarbersAsync(cancellationToken);
        var violations = new List<InvariantViolation>();
        var collectionsChecked = 0;
        foreach (var barberId in barbers.Order())
            collectionsChecked += await CheckBarberAsync(barberId, violations, cancellationToken);
        return new CollectionInvariantReport(barbers.Count, collectionsChecked, violations);
    }

    private async Task<int> CheckBarberAsync(int barberId, List<InvariantViolation> violations, CancellationToken cancellationToken)
    {
        void Add(long? collectionId, int? transactionId, string rule, string detail) =>
            violations.Add(new InvariantViolation(barberId, collectionId, transactionId, rule, detail));

        var pointer = await store.Ledger.GetEntityIfExistsAsync<TableEntity>(LedgerPartition.For(barberId), CollectionRows.BuildPointerRow, cancellationToken: cancellationToken);
        long? beingBuilt = pointer.HasValue ? pointer.Value!.GetInt64("CollectionId") : null;
        var collections = new Dictionary<long, CommissionCollection>();
        await foreach (var c in store.ListAsync(barberId, null, null, cancellationToken))
            if (!collections.TryAdd(c.Id, c)) Add(c.Id, null, TransactionInOneCollection, "The collection is stored twice.");
        var items = await store.ItemsAsync(barberId, cancellationToken);
        var credits = await store.CreditsAsync(barberId, null, cancellationToken);

        // Rule 1: a claim names a collection that lists the transaction, and each listed transaction is claimed by it.
        foreach (var item in items)
        {
            if (!collections.TryGetValue(item.CollectionId, out var owner))
                Add(item.CollectionId, item.TransactionId, TransactionInOneCollection, "The transaction is claimed by a collection that does not exist.");
            else if (owner.Status == CollectionStatus.Building && owner.Id != beingBuilt)
                Add(owner.Id, item.TransactionId, TransactionInOneCollection, "The transaction is claimed by a collection left building with no build in progress.");
            else if (!owner.TransactionIds.Contains(item.TransactionId))
                Add(owner.Id, item.TransactionId, TransactionInOneCollection, "The transaction is claimed by a collection whose list does not hold it.");
        }
        var claims = items.ToDictionary(i => i.TransactionId, i => i.CollectionId);
        var listedBy = new Dictionary<int, long>();
        foreach (var c in collections.Values)
        {
            if (c.Status == CollectionStatus.Building && c.Id != beingBuilt)
                Add(c.Id, null, TransactionInOneCollection, "The collection is building but no build is in progress.");
            foreach (var id in c.TransactionIds)
            {
                if (listedBy.TryGetValue(id, out var other))
                    Add(c.Id, id, TransactionInOneCollection, $"The transaction is listed by collections {other} and {c.Id}.");
                else listedBy[id] = c.Id;
                if (!claims.TryGetValue(id, out var claimedBy))
                    Add(c.Id, id, TransactionInOneCollection, "The collection lists a transaction with no claim row.");
                else if (claimedBy != c.Id)
                    Add(c.Id, id, TransactionInOneCollection, $"The collection lists a transaction claimed by collection {claimedBy}.");
            }
        }

        // Rule 2: the stored totals are the sums of the rows that make them.
        foreach (var c in collections.Values)
        {
            var commission = items.Where(i => i.CollectionId == c.Id).Sum(i => i.CommissionMinor);
            var credit = credits.Where(x => x.CollectionId == c.Id).Sum(x => x.AmountMinor);
            if (commission != c.CommissionMinor)
                Add(c.Id, null, AmountIsCommissionsLessCredits, $"Commission {c.CommissionMinor} is stored but its items sum to {commission} (minor units of {c.Currency.Code}).");
            if (credit != c.CreditMinor)
                Add(c.Id, null, AmountIsCommissionsLessCredits, $"Credits {c.CreditMinor} are stored but its credit rows sum to {credit} (minor units of {c.Currency.Code}).");
        }

        // Rule 3: the processor agrees (building collections were never charged).
        foreach (var c in collections.Values.Where(c => c.Status != CollectionStatus.Building))
            foreach (var problem in await audit.CheckAsync(c, cancellationToken))
                Add(c.Id, null, CollectedOnceAtProcessor, problem);
        return collections.Count;
    }

    private async Task<List<int>> AllBarbersAsync(CancellationToken cancellationToken)
    {
        var barbers = new HashSet<int>();
        await foreach (var (barberId, _) in connections.ListAllAsync(cancellationToken)) barbers.Add(barberId);
        await foreach (var (_, entry) in lookup.ListAsync(CollectionStore.LookupKind, cancellationToken)) barbers.Add(entry.BarberId);
        return [.. barbers];
    }
}
