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
    CollectionStore store, ExternalTransactionStore transactions, CommissionRateHistory rates, PaymentConfigStore configs,
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
                    var pool = state.Pools(building.Collection.Cutoff).FirstOrDefault(p => p.Currency == building.Collection.Currency);
                    if (pool is { IsEmpty: false }) await AddChunkAsync(building, pool, cancellationToken);
                    else finished.Add(await FinishAsync(state, building, cancellationToken));
                    continue;
                }
                if (state.Pools(cutoff).FirstOrDefault(p => Qualifies(state, p, cutoff)) is not { } next) return finished;
                await StartAsync(barberId, cutoff, next, cancellationToken);
            }
            catch (RequestFailedException ex) when (ex.Status is 404 or 409 or 412 && ++lostRaces < MaxLostRaces)
            {
                // Another run of this barber wrote first (a claim, the pointer or the collection row) or finished the build and
                // deleted the pointer this batch names (404): read again.
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

    private async Task StartAsync(int barberId, DateTimeOffset cutoff, CommissionPool pool, CancellationToken cancellationToken)
    {
        var config = await configs.GetAsync(barberId, cancellationToken);
        var id = await steps.RunAsync("build.allocate_id", () => ids.NextAsync(CollectionStore.IdSequence, cancellationToken));
        var now = clock.GetUtcNow();
        var rowKey = CollectionRows.RowKey(now, id);
        // Before the first batch: a crash in between leaves an id nobody can read (404), never a collection without a lookup.
        await steps.RunAsync("build.claim_id", () => store.ClaimIdAsync(id, barberId, rowKey, cancellationToken));

        var empty = new CommissionCollection(id, barberId, pool.Currency, CollectionStatus.Building, config.CollectionMethod, now,
            now.AddDays(settings.NoticeDays), cutoff, 0m, 0, 0, [], [], UpdatedAt: now);
        var (collection, claims) = Chunk(empty, pool, MaxActions - 2, now);
        var partition = LedgerPartition.For(barberId);
        List<TableTransactionAction> actions =
        [
            new(TableTransactionActionType.Add, CollectionRows.ToEntity(collection)),
            new(TableTransactionActionType.Add, new TableEntity(partition, CollectionRows.BuildPointerRow) { ["CollectionId"] = id, ["Row"] = rowKey }),
            .. claims,
        ];
        await steps.RunAsync("build.first_batch", () => store.SubmitAsync(actions, cancellationToken));
    }

    private async Task AddChunkAsync(Building building, CommissionPool pool, CancellationToken cancellationToken)
    {
        var (collection, claims) = Chunk(building.Collection, pool, MaxActions - 1, clock.GetUtcNow());
        List<TableTransactionAction> actions = [new(TableTransactionActionType.UpdateReplace, CollectionRows.ToEntity(collection), building.Row.ETag), .. claims];
        await steps.RunAsync("build.middle_batch", () => store.SubmitAsync(actions, cancellationToken));
    }

    private async Task<CommissionCollection> FinishAsync(BuildState state, Building building, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var c = building.Collection;
        var items = state.ItemRows.Values.Select(CollectionRows.ItemFromEntity).Where(i => i.CollectionId == c.Id).ToList();
        var amount = c.Amount;
        var fee = c.Method == CollectionMethods.CardOnFile && amount.IsPositive && FeeSchedule.PlatformStripe(c.Currency) is { } platform
            ? FeeCalculator.Estimate(amount, platform, 0m).ProcessingFee.Minor : 0;
        var final = c with { Status = CollectionStatus.Pending, CommissionRate = RatePercent(items), ProcessingFeeMinor = fee, UpdatedAt = now };

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

    /// <summary>The collection with the next claims added (as many as <paramref name="capacity"/> actions hold), and those claims.</summary>
    private static (CommissionCollection Collection, List<TableTransactionAction> Claims) Chunk(
        CommissionCollection collection, CommissionPool pool, int capacity, DateTimeOffset now)
    {
        var claims = new List<TableTransactionAction>();
        var txIds = collection.TransactionIds.ToList();
        var externalIds = collection.ExternalTransactionIds.ToList();
        long commission = collection.CommissionMinor, credit = collection.CreditMinor;
        foreach (var open in pool.Items)
        {
            if (claims.Count + 1 > capacity) break;
            var t = open.Transaction;
            var item = new CommissionItem(collection.BarberId, t.Id, t.ExternalTransactionId, collection.Id, t.Amount.Currency, t.Amount.Minor,
                t.TipAmount?.Minor ?? 0, open.Rate, open.CommissionMinor, t.RefundedAmount?.Minor ?? 0, 0, t.ProcessedAt, now);
            claims.Add(new TableTransactionAction(TableTransactionActionType.Add, CollectionRows.ToEntity(item)));
            txIds.Add(t.Id);
            externalIds.Add(t.ExternalTransactionId);
            commission += open.CommissionMinor;
        }
        foreach (var due in pool.Credits)
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
        }
        return (collection with
        {
            CommissionMinor = commission, CreditMinor = credit, TransactionIds = txIds, ExternalTransactionIds = externalIds,
            BuildCursor = collection.BuildCursor + 1, UpdatedAt = now,
        }, claims);
    }

    // The percent shown: the barber's rate when every item shares one, else the effective rate over the service prices.
    private static decimal RatePercent(IReadOnlyList<CommissionItem> items)
    {
        if (items.Count == 0) return 0m;
        if (items.Select(i => i.Rate).Distinct().Count() == 1) return items[0].Rate * 100m;
        var service = items.Sum(i => i.AmountMinor - i.TipMinor);
        return service <= 0 ? 0m : Math.Round(items.Sum(i => i.CommissionMinor) * 100m / service, 2, MidpointRounding.AwayFromZero);
    }

    private async Task<BuildState> ReadAsync(int barberId, CancellationToken cancellationToken)
    {
        var partition = LedgerPartition.For(barberId);
        var pointer = await store.Ledger.GetEntityIfExistsAsync<TableEntity>(partition, CollectionRows.BuildPointerRow, cancellationToken: cancellationToken);
        Building? building = null;
        if (pointer.HasValue && pointer.Value!.GetString("Row") is { } row
            && await store.Ledger.GetEntityIfExistsAsync<TableEntity>(partition, row, cancellationToken: cancellationToken) is { HasValue: true } found)
            building = new Building(pointer.Value, found.Value!, CollectionRows.FromEntity(found.Value!));

        var collections = new List<CommissionCollection>();
        await foreach (var c in store.ListAsync(barberId, null, null, cancellationToken)) collections.Add(c);
        var itemRows = new Dictionary<int, TableEntity>();
        await foreach (var e in store.Ledger.QueryAsync<TableEntity>(CollectionRows.Range(barberId, CollectionRows.ItemPrefix, CollectionRows.ItemEnd), cancellationToken: cancellationToken))
            itemRows[e.GetInt32("TransactionId") ?? 0] = e;
        var all = new List<ExternalTransaction>();
        await foreach (var t in transactions.QueryAsync(barberId, null, null, cancellationToken)) all.Add(t);
        var timeline = await rates.ReadAsync(barberId, cancellationToken);
        return new BuildState(building, collections, itemRows, all, timeline);
    }

    private sealed record Building(TableEntity Pointer, TableEntity Row, CommissionCollection Collection);

    private sealed record BuildState(Building? Building, IReadOnlyList<CommissionCollection> Collections, IReadOnlyDictionary<int, TableEntity> ItemRows,
        IReadOnlyList<ExternalTransaction> Transactions, CommissionRateTimeline Rates)
    {
        public IReadOnlyList<CommissionPool> Pools(DateTimeOffset cutoff) =>
            CommissionPool.Compute(Transactions, ItemRows, Collections.ToDictionary(c => c.Id, c => c.Status), Rates, cutoff);
    }
}
