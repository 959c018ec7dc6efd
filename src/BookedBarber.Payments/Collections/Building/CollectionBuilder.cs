using Azure;
using Azure.Data.Tables;
using BookedBarber.Payments.Connections;
using BookedBarber.Payments.ExternalTransactions;
using BookedBarber.Payments.Ledger;
using BookedBarber.Payments.Queues;
using BookedBarber.Payments.Routing;
using BookedBarber.Payments.Storage;

namespace BookedBarber.Payments.Collections;

/// <summary>
/// Creates a barber's collection of what is open up to a cutoff, one currency at a time, in entity-group transactions
/// of their ledger partition: the first adds the collection (<c>building</c>), the <c>colbuild</c> pointer and the first
/// claims; middle ones replace the collection row under its ETag with the running totals and add more claims; the last
/// makes it <c>pending</c> and deletes the pointer. Every step re-reads storage, so a run that crashed anywhere is
/// finished by the next one (the pointer says which collection and cutoff), and a concurrent run's batch fails on the
/// claims, pointer or ETag it raced for, reads again and carries on from what the winner left.
/// </summary>
public sealed class CollectionBuilder(
    CollectionStore store, PaymentConfigStore configs,
    IdAllocator ids, QueueSender queues, CollectionSettings settings, CollectionSteps steps, TimeProvider clock)
{
    private const int MaxActions = 100;

    // Each lost race means another run made progress; this only bounds a pathological fight.
    private const int MaxLostRaces = 50;

    /// <summary>Builds (or finishes building) the barber's collections up to <paramref name="cutoff"/>; returns the collections finished now.</summary>
    public async Task<IReadOnlyList<CommissionCollection>> BuildAsync(int barberId, DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var finished = new List<CommissionCollection>();
        var lostRaces = 0;
        while (true)
        {
            try
            {
                var state = await steps.RunAsync("build.read", () => ReadAsync(barberId, cancellationToken));
                if (state.Building is { } building)
                {
                    // Finishing what a crashed or concurrent run left (its own cutoff): read again afterwards, as the
                    // requested cutoff may be later than the one it was built to.
                    var pool = state.Pools(building.Collection.Cutoff).FirstOrDefault(p => p.Currency == building.Collection.Currency);
                    finished.Add(await CompleteAsync(state, building, pool?.Items ?? [], pool?.Credits ?? [], cancellationToken));
                    continue;
                }
                var pools = state.Pools(cutoff);
                if (pools.FirstOrDefault(p => Qualifies(state, p, cutoff)) is not { } next) return finished;
                var (started, items, credits) = await StartAsync(state.Config, cutoff, next, cancellationToken);
                finished.Add(await CompleteAsync(state, started, items, credits, cancellationToken));
                // The run goes on from what it wrote, not from a fresh read: every write since the read was conditional
                // (claims added, rows replaced under the ETags their writes returned), so a concurrent run's change made
                // one of them fail and the loop reads again. Only another currency's pool can still qualify (this one's
                // newest cutoff is now this cutoff), so a single-currency barber is done without reading a third time.
                if (!pools.Any(p => p.Currency != next.Currency)) return finished;
            }
            catch (RequestFailedException ex) when (ex.Status is 404 or 409 or 412 && ++lostRaces < MaxLostRaces)
            {
                // Another run of this barber wrote first (a claim, the pointer or the collection row) or finished the build and
                // removed the pointer (404): read again.
            }
        }
    }

    // A new collection only for a cutoff later than the newest finished one of the currency (re-runs build nothing)
    // and only when what is owed, less credits, reaches the minimum (less stays open and carries over).
    private bool Qualifies(BuildState state, CommissionPool pool, DateTimeOffset cutoff)
    {
        var newest = state.Collections.Where(c => c.Currency == pool.Currency && c.Status != CollectionStatus.Building)
            .Select(c => (DateTimeOffset?)c.Cutoff).Max();
        if (cutoff <= newest || pool.Items.Count == 0) return false;
        var amount = pool.OwedMinor - pool.CreditMinor;
        var minimum = Amounts.Money.TryFromMajor(settings.MinimumCollectionAmount, pool.Currency, out var m) ? m.Minor : long.MaxValue;
        return amount > 0 && amount >= minimum;
    }

    /// <summary>The first batch; returns the collection being built as stored (with the ETags the batch returned) and what is left to add.</summary>
    private async Task<(Building Building, IReadOnlyList<PoolItem> Items, IReadOnlyList<PoolCredit> Credits)> StartAsync(
        BarberPaymentConfig config, DateTimeOffset cutoff, CommissionPool pool, CancellationToken cancellationToken)
    {
        var barberId = config.BarberId;
        var id = await steps.RunAsync("build.allocate_id", () => ids.NextAsync(CollectionStore.IdSequence, cancellationToken));
        var now = clock.GetUtcNow();
        var rowKey = CollectionRows.RowKey(now, id);
        // Before the first batch: a crash in between leaves an id nobody can read (404), never a collection without a lookup.
        await steps.RunAsync("build.claim_id", () => store.ClaimIdAsync(id, barberId, rowKey, cancellationToken));

        var empty = new CommissionCollection(id, barberId, pool.Currency, CollectionStatus.Building, config.CollectionMethod, now,
            now.AddDays(settings.NoticeDays), cutoff, 0m, 0, 0, [], [], UpdatedAt: now);
        var (collection, claims, added, items, credits) = Chunk(empty, pool.Items, pool.Credits, MaxActions - 2, now);
        var partition = LedgerPartition.For(barberId);
        var row = CollectionRows.ToEntity(collection);
        var pointer = new TableEntity(partition, CollectionRows.BuildPointerRow) { ["CollectionId"] = id, ["Row"] = rowKey };
        List<TableTransactionAction> actions = [new(TableTransactionActionType.Add, row), new(TableTransactionActionType.Add, pointer), .. claims];
        var responses = await steps.RunAsync("build.first_batch", () => store.SubmitAsync(actions, cancellationToken));
        row.ETag = responses[0].Headers.ETag!.Value;
        pointer.ETag = responses[1].Headers.ETag!.Value;
        return (new Building(pointer, row, collection, added), items, credits);
    }

    /// <summary>Adds what is left in middle batches (each under the ETag the previous one returned), then finishes the collection.</summary>
    private async Task<CommissionCollection> CompleteAsync(BuildState state, Building building, IReadOnlyList<PoolItem> items,
        IReadOnlyList<PoolCredit> credits, CancellationToken cancellationToken)
    {
        while (items.Count > 0 || credits.Count > 0)
        {
            var (collection, claims, added, leftItems, leftCredits) = Chunk(building.Collection, items, credits, MaxActions - 1, clock.GetUtcNow());
            var row = CollectionRows.ToEntity(collection);
            List<TableTransactionAction> actions = [new(TableTransactionActionType.UpdateReplace, row, building.Row.ETag), .. claims];
            var responses = await steps.RunAsync("build.middle_batch", () => store.SubmitAsync(actions, cancellationToken));
            row.ETag = responses[0].Headers.ETag!.Value;
            building = building with { Row = row, Collection = collection, Items = [.. building.Items, .. added] };
            (items, credits) = (leftItems, leftCredits);
        }
        return await FinishAsync(state, building, cancellationToken);
    }

    private async Task<CommissionCollection> FinishAsync(BuildState state, Building building, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var c = building.Collection;
        var amount = c.Amount;
        var fee = c.Method == CollectionMethods.CardOnFile && amount.IsPositive && FeeSchedule.PlatformStripe(c.Currency) is { } platform
            ? FeeCalculator.Estimate(amount, platform, 0m).ProcessingFee.Minor : 0;
        var final = c with { Status = CollectionStatus.Pending, CommissionRate = RatePercent(building.Items), ProcessingFeeMinor = fee, UpdatedAt = now };

        // Before the last batch: a crash after it leaves the collection pending with its due message on the way; a
        // crash before it sends the message again on the re-run (the handler is idempotent).
        var delay = final.DueDate - now;
        delay = delay < TimeSpan.Zero ? TimeSpan.Zero : delay > TimeSpan.FromDays(7) ? TimeSpan.FromDays(7) : delay;
        await steps.RunAsync("build.enqueue_due", () => queues.SendAsync(CollectionRequest.QueueName,
            new CollectionRequest(c.BarberId, null, CollectionTriggers.Due, c.Id), cancellationToken, delay));

        List<TableTransactionAction> actions =
        [
            new(TableTransactionActionType.UpdateReplace, CollectionRows.ToEntity(final), building.Row.ETag),
            new(TableTransactionActionType.Delete, building.Pointer, building.Pointer.ETag),
        ];
        await steps.RunAsync("build.last_batch", () => store.SubmitAsync(actions, cancellationToken));
        return final;
    }

    /// <summary>
    /// The collection with the next claims added (as many as <paramref name="capacity"/> actions hold), those claims'
    /// actions and items, and what is left for later batches.
    /// </summary>
    private static (CommissionCollection Collection, List<TableTransactionAction> Claims, List<CommissionItem> Added, IReadOnlyList<PoolItem> LeftItems,
        IReadOnlyList<PoolCredit> LeftCredits) Chunk(CommissionCollection collection, IReadOnlyList<PoolItem> items, IReadOnlyList<PoolCredit> credits, int capacity, DateTimeOffset now)
    {
        var claims = new List<TableTransactionAction>();
        var added = new List<CommissionItem>();
        var txIds = collection.TransactionIds.ToList();
        var externalIds = collection.ExternalTransactionIds.ToList();
        long commission = collection.CommissionMinor, credit = collection.CreditMinor;
        var itemsTaken = 0;
        foreach (var open in items)
        {
            if (claims.Count + 1 > capacity) break;
            var t = open.Transaction;
            var item = new CommissionItem(collection.BarberId, t.Id, t.ExternalTransactionId, collection.Id, t.Amount.Currency, t.Amount.Minor,
                t.TipAmount?.Minor ?? 0, open.Rate, open.CommissionMinor, t.RefundedAmount?.Minor ?? 0, 0, t.ProcessedAt, now);
            claims.Add(new TableTransactionAction(TableTransactionActionType.Add, CollectionRows.ToEntity(item)));
            added.Add(item);
            txIds.Add(t.Id);
            externalIds.Add(t.ExternalTransactionId);
            commission += open.CommissionMinor;
            itemsTaken++;
        }
        var creditsTaken = 0;
        foreach (var due in credits)
        {
            if (claims.Count + 2 > capacity) break;
            var t = due.Transaction;
            // The credit and the item's credited total change together: the item's ETag makes a second credit for the same refund fail.
            claims.Add(new TableTransactionAction(TableTransactionActionType.Add, CollectionRows.ToEntity(new CommissionCredit(collection.BarberId,
                collection.Id, t.Id, t.ExternalTransactionId, due.Item.CollectionId, due.Item.Currency, due.AmountMinor,
                t.RefundedAmount?.Minor ?? 0, t.Disputed, now))));
            claims.Add(new TableTransactionAction(TableTransactionActionType.UpdateReplace,
                CollectionRows.ToEntity(due.Item with { CreditedMinor = due.Item.CreditedMinor + due.AmountMinor }), due.ItemRow.ETag));
            credit += due.AmountMinor;
            creditsTaken++;
        }
        return (collection with
        {
            CommissionMinor = commission, CreditMinor = credit, TransactionIds = txIds, ExternalTransactionIds = externalIds,
            BuildCursor = collection.BuildCursor + 1, UpdatedAt = now,
        }, claims, added, items.Skip(itemsTaken).ToList(), credits.Skip(creditsTaken).ToList());
    }

    // The percent shown: the barber's rate when every item shares one, else the effective rate over the service prices.
    private static decimal RatePercent(IReadOnlyList<CommissionItem> items)
    {
        if (items.Count == 0) return 0m;
        if (items.Select(i => i.Rate).Distinct().Count() == 1) return items[0].Rate * 100m;
        var service = items.Sum(i => i.AmountMinor - i.TipMinor);
        return service <= 0 ? 0m : Math.Round(items.Sum(i => i.CommissionMinor) * 100m / service, 2, MidpointRounding.AwayFromZero);
    }

    // One query for everything of the barber's partition the build decides on (the pointer, collections, claims,
    // transactions and rate history: five ranges of one partition, filtered server-side; Azurite scans the whole table
    // for any query, so each one saved counts at scale) and the configuration's point read beside it.
    private async Task<BuildState> ReadAsync(int barberId, CancellationToken cancellationToken)
    {
        var partition = LedgerPartition.For(barberId);
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {partition} and (RowKey eq {CollectionRows.BuildPointerRow} or (RowKey ge {CollectionRows.Prefix} and RowKey lt {CollectionRows.End}) or (RowKey ge {CollectionRows.ItemPrefix} and RowKey lt {CollectionRows.ItemEnd}) or (RowKey ge {ExternalTransactionRows.Prefix} and RowKey lt {ExternalTransactionRows.End}) or (RowKey ge {CommissionRateHistory.RowPrefix} and RowKey lt {CommissionRateHistory.RowEnd}))");
        var config = configs.GetAsync(barberId, cancellationToken);
        TableEntity? pointer = null;
        var collectionRows = new Dictionary<string, TableEntity>(StringComparer.Ordinal);
        var itemRows = new Dictionary<int, TableEntity>();
        var rateRows = new List<TableEntity>();
        var all = new List<ExternalTransaction>();
        await foreach (var e in store.Ledger.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            if (e.RowKey == CollectionRows.BuildPointerRow) pointer = e;
            else if (e.RowKey.StartsWith(CollectionRows.Prefix, StringComparison.Ordinal)) collectionRows[e.RowKey] = e;
            else if (e.RowKey.StartsWith(CollectionRows.ItemPrefix, StringComparison.Ordinal)) itemRows[e.GetInt32("TransactionId") ?? 0] = e;
            else if (e.RowKey.StartsWith(CommissionRateHistory.RowPrefix, StringComparison.Ordinal)) rateRows.Add(e);
            else all.Add(ExternalTransactionRows.FromEntity(e));
        }
        // Newest first, as the store lists them.
        var collections = collectionRows.Values.Select(CollectionRows.FromEntity).ToList();
        Building? building = null;
        if (pointer?.GetString("Row") is { } row && collectionRows.TryGetValue(row, out var found))
        {
            var collection = CollectionRows.FromEntity(found);
            building = new Building(pointer, found, collection,
                [.. itemRows.Values.Select(CollectionRows.ItemFromEntity).Where(i => i.CollectionId == collection.Id)]);
        }
        var current = await config;
        return new BuildState(building, collections, itemRows, all, CommissionRateHistory.Timeline(rateRows, current.CommissionRate), current);
    }

    /// <summary>The collection being built: its pointer and row (with their ETags), the collection and its items so far.</summary>
    private sealed record Building(TableEntity Pointer, TableEntity Row, CommissionCollection Collection, IReadOnlyList<CommissionItem> Items);

    private sealed record BuildState(Building? Building, IReadOnlyList<CommissionCollection> Collections, IReadOnlyDictionary<int, TableEntity> ItemRows,
        IReadOnlyList<ExternalTransaction> Transactions, CommissionRateTimeline Rates, BarberPaymentConfig Config)
    {
        public IReadOnlyList<CommissionPool> Pools(DateTimeOffset cutoff) =>
            CommissionPool.Compute(Transactions, ItemRows, Collections.ToDictionary(c => c.Id, c => c.Status), Rates, cutoff);
    }
}
