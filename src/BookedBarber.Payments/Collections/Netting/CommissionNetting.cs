using Azure.Data.Tables;
using BookedBarber.Payments.Amounts;
using BookedBarber.Payments.Ledger;

namespace BookedBarber.Payments.Collections;

/// <summary>
/// Netting: commission a barber owes on outside payments taken through the application fee of their next centralized
/// payments. A payment reserves its share on the collection row (<c>ReservedMinor</c>) in the same entity-group
/// transaction that records its attempt, and settles it in the one that settles the attempt: completed → netted (and a
/// <c>cmn-</c> row), otherwise released. So a crash between the two leaves a reservation that the reconciler's settlement
/// converts or releases, and the collection is never charged while a reservation may still turn into money.
/// </summary>
public sealed class CommissionNetting(CollectionStore store, CollectionSettings settings, TimeProvider clock)
{
    /// <summary>
    /// Whether a payment may carry netting: only one through the platform's Stripe (an application fee exists only
    /// there, never on a barber's own processor) of a barber whose collection method is netting.
    /// </summary>
    public static bool AppliesTo(PaymentAttempt attempt, string collectionMethod) =>
        collectionMethod == CollectionMethods.Netting && attempt.ConnectionId is null && attempt.Status == AttemptStatus.Pending;

    /// <summary>
    /// The attempt with the commission it nets, and the update of the collection row reserving it (guarded by the ETag
    /// just read): the oldest open netting collection in the payment's currency, up to
    /// min(open, floor(NettingMaxShare × amount)), and never so much that the barber would get less than nothing.
    /// </summary>
    public async Task<AttemptActions> ReserveAsync(PaymentAttempt attempt, CancellationToken cancellationToken)
    {
        var plain = attempt with { NettedCommission = null, NettingCollectionId = null, NettingCollectionRow = null };
        var share = (long)Math.Floor(attempt.Amount.Minor * settings.NettingMaxShare);
        var room = attempt.Amount.Minor - attempt.Commission.Minor - attempt.ProcessingFee.Minor;
        var cap = Math.Min(share, room);
        if (cap <= 0) return AttemptActions.None(plain);
        if (await OpenAsync(attempt.BarberId, attempt.Amount.Currency, cancellationToken) is not var (entity, collection)) return AttemptActions.None(plain);
        var open = collection.Remaining.Minor - collection.ReservedMinor;
        var take = Math.Min(open, cap);
        if (take <= 0) return AttemptActions.None(plain);
        var reserved = CollectionRows.ToEntity(collection with { ReservedMinor = collection.ReservedMinor + take, UpdatedAt = clock.GetUtcNow() });
        return new AttemptActions(
            plain with { NettedCommission = new Money(take, attempt.Amount.Currency), NettingCollectionId = collection.Id, NettingCollectionRow = collection.RowKey },
            [new TableTransactionAction(TableTransactionActionType.UpdateReplace, reserved, entity.ETag), CollectionStore.StampAction(attempt.BarberId)]);
    }

    /// <summary>
    /// What settling the attempt does to its reservation (to be written with the settlement): completed → the reserved
    /// amount becomes netted and a <c>cmn-</c> row records it; declined or failed → released. Nothing without one.
    /// </summary>
    public async Task<IReadOnlyList<TableTransactionAction>> SettleAsync(PaymentAttempt settled, CancellationToken cancellationToken)
    {
        if (settled is not { NettedCommission.Minor: > 0 and var amount, NettingCollectionId: { } collectionId, NettingCollectionRow: { } row }) return [];
        var found = await store.Ledger.GetEntityIfExistsAsync<TableEntity>(LedgerPartition.For(settled.BarberId), row, cancellationToken: cancellationToken);
        if (!found.HasValue) return [];
        var collection = CollectionRows.FromEntity(found.Value!);
        var now = clock.GetUtcNow();
        var released = collection with { ReservedMinor = Math.Max(0, collection.ReservedMinor - amount), UpdatedAt = now };
        if (settled.Status != AttemptStatus.Completed)
            return [new TableTransactionAction(TableTransactionActionType.UpdateReplace, CollectionRows.ToEntity(released), found.Value!.ETag), CollectionStore.StampAction(settled.BarberId)];
        var netted = released with { NettedMinor = collection.NettedMinor + amount };
        var application = new TableEntity(LedgerPartition.For(settled.BarberId), CollectionRows.NettingRowKey(collectionId, settled.AttemptId))
        {
            ["BarberId"] = settled.BarberId,
            ["CollectionId"] = collectionId,
            ["AttemptId"] = settled.AttemptId,
            ["ProcessorPaymentId"] = settled.ProcessorPaymentId,
            ["AmountMinor"] = amount,
            ["Currency"] = settled.Amount.Currency.Code,
            ["AppliedAt"] = settled.ProcessedAt ?? now,
        };
        return
        [
            new TableTransactionAction(TableTransactionActionType.UpdateReplace, CollectionRows.ToEntity(netted), found.Value!.ETag),
            new TableTransactionAction(TableTransactionActionType.Add, application),
            CollectionStore.StampAction(settled.BarberId),
        ];
    }

    /// <summary>
    /// Stops netting into the collection at its due date, so the rest can be charged. Returns the closed collection, or
    /// null while a payment that reserved part of it is still in flight (try again shortly).
    /// </summary>
    public async Task<CommissionCollection?> CloseAsync(int barberId, string rowKey, CancellationToken cancellationToken)
    {
        var held = false;
        var closed = await store.UpdateAsync(barberId, rowKey, c =>
        {
            held = c is { NettingClosed: false, ReservedMinor: > 0 };
            return c is null || c.NettingClosed || held ? c : c with { NettingClosed = true, UpdatedAt = clock.GetUtcNow() };
        }, cancellationToken);
        return held ? null : closed;
    }

    /// <summary>What the barber's netting collections have taken, per payment (the <c>cmn-</c> rows), of one collection or all.</summary>
    public async Task<IReadOnlyList<NettingApplication>> ApplicationsAsync(int barberId, long? collectionId, CancellationToken cancellationToken)
    {
        var from = collectionId is { } id ? CollectionRows.NettingRowKey(id, "") : CollectionRows.NettingPrefix;
        var to = collectionId is not null ? from + "\uffff" : CollectionRows.NettingEnd;
        var applications = new List<NettingApplication>();
        await foreach (var e in store.Ledger.QueryAsync<TableEntity>(CollectionRows.Range(barberId, from, to), cancellationToken: cancellationToken))
            applications.Add(new NettingApplication(
                e.GetInt64("CollectionId") ?? 0, e.GetString("AttemptId") ?? "", e.GetString("ProcessorPaymentId"),
                new Money(e.GetInt64("AmountMinor") ?? 0, Currency.TryParse(e.GetString("Currency"), out var c) ? c : Currency.Usd),
                e.GetDateTimeOffset("AppliedAt") ?? default));
        return applications;
    }

    /// <summary>The oldest collection still open to netting in this currency (with its stored entity, for the ETag), or null.</summary>
    private async Task<(TableEntity Entity, CommissionCollection Collection)?> OpenAsync(int barberId, Currency currency, CancellationToken cancellationToken)
    {
        // Few rows match: the method and the open states are filtered by the service, not here.
        var filter = CollectionRows.Range(barberId, CollectionRows.Prefix, CollectionRows.End) + " and " + TableClient.CreateQueryFilter(
            $"Method eq {CollectionMethods.Netting} and NettingClosed eq false and Currency eq {currency.Code} and (Status eq {CollectionStatus.Pending} or Status eq {CollectionStatus.Due})");
        (TableEntity, CommissionCollection)? oldest = null;
        await foreach (var e in store.Ledger.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            var c = CollectionRows.FromEntity(e);
            // Newest first (reverse time): the last one open wins.
            if (c.Remaining.Minor - c.ReservedMinor > 0) oldest = (e, c);
        }
        return oldest;
    }
}
