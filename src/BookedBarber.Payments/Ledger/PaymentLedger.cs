using BookedBarber.Payments.Errors;
using System.Globalization;
using Azure;
using Azure.Data.Tables;
using BookedBarber.Payments.Storage;
using BookedBarber.Payments.Amounts;

namespace BookedBarber.Payments.Ledger;

/// <summary>
/// Payment attempts and the per-appointment payment lock in the barber's ledger partition. Recording an attempt and
/// taking the appointment's lock is one entity-group transaction, as is settling both; the attempt's barber-hour is on the
/// <see cref="ReconciliationWatchlist"/> first, so the reconciler finds the attempt if we crash between the charge and the write.
/// </summary>
public sealed class PaymentLedger(StorageAccount storage, ReconciliationWatchlist watchlist, TimeProvider clock, ILedgerChangeListener? changes = null)
{
    // Told after settle, refund and dispute writes (analytics rollups); the day of a payment is that of its creation.
    private readonly ILedgerChangeListener changes = changes ?? NoLedgerChanges.Instance;

    public static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(2);

    // How often a write carrying another feature's rows is tried again when one of them changed under it.
    private const int ExtraActionTries = 12;
    private const string LockPrefix = "apptpay-";

    /// <summary>The lock's state once the booking platform moved the appointment to another barber.</summary>
    private const string Moved = "moved";
    private const string Open = "open";

    private TableClient Ledger => storage.Table(storage.Names.Ledger);

    /// <summary>Records the pending attempt and takes the appointment: 409 when it is paid or another payment for it is under way.</summary>
    public Task BeginAsync(PaymentAttempt attempt, CancellationToken cancellationToken) => BeginAsync(attempt, null, cancellationToken);

    /// <summary>
    /// Records the pending attempt and takes the appointment, with what <paramref name="with"/> adds in the same entity-group
    /// transaction (asked again on every try, so a row it guards with an ETag is re-read after another writer changed
    /// it). Returns the attempt as recorded.
    /// </summary>
    public async Task<PaymentAttempt> BeginAsync(PaymentAttempt attempt, Func<PaymentAttempt, CancellationToken, Task<AttemptActions>>? with, CancellationToken cancellationToken)
    {
        await watchlist.NoteAsync(attempt.BarberId, attempt.CreatedAt, cancellationToken);
        var partition = LedgerPartition.For(attempt.BarberId);
        var lockEntity = new TableEntity(partition, LockRow(attempt.AppointmentId))
        {
            ["Status"] = AttemptStatus.Pending,
            ["AttemptRow"] = attempt.RowKey,
            ["Since"] = attempt.CreatedAt,
        };
        var recorded = attempt;
        // Most appointments are paid once: try to take a lock nobody holds yet (no read first), and read only when
        // someone does. The attempt row is added in the same entity-group transaction as the lock.
        await Ledger.UpdateAsync(partition, lockEntity.RowKey, existing =>
        {
            if (existing is not null) Admit(attempt, existing);
            return EntityChanges.Write(lockEntity, true);
        }, cancellationToken, new OptimisticUpdateOptions
        {
            // Extra rows are contended too (a collection row many payments reserve from): more tries.
            MaxAttempts = with is null ? 6 : 12,
            FirstRead = _ => ValueTask.FromResult<TableEntity?>(null),
            Write = async (existing, takeLock, ct) =>
            {
                var added = with is null ? AttemptActions.None(attempt) : await with(attempt, ct);
                await Ledger.SubmitTransactionAsync(
                [
                    new TableTransactionAction(TableTransactionActionType.Add, ToEntity(added.Attempt)),
                    existing is null
                        ? new TableTransactionAction(TableTransactionActionType.Add, takeLock)
                        : new TableTransactionAction(TableTransactionActionType.UpdateReplace, takeLock, existing.ETag),
                    .. added.Actions,
                ], ct);
                recorded = added.Attempt;
                return null;
            },
        });
        return recorded;
    }

    /// <summary>
    /// The booking platform changes an appointment's barber or price: allowed only while it is neither paid nor being
    /// paid (409 CONFLICT otherwise), since the payment lock lives in the barber's partition and a paid appointment moved
    /// elsewhere could be charged again. Moving it away marks the old barber's lock <c>moved</c>, so a payment that
    /// resolved the appointment before the change cannot take it afterwards; the ETag on the lock orders the two.
    /// Moving it (back) to a barber reopens that barber's lock.
    /// </summary>
    public async Task ChangeAppointmentAsync(int appointmentId, int fromBarberId, int toBarberId, bool repriced, CancellationToken cancellationToken)
    {
        var movedAway = fromBarberId != toBarberId;
        if (movedAway || repriced)
        {
            var partition = LedgerPartition.For(fromBarberId);
            await Ledger.UpdateAsync(partition, LockRow(appointmentId), existing =>
            {
                var status = existing?.GetString("Status");
                if (status is AttemptStatus.Completed or AttemptStatus.Pending)
                    throw new DomainException(ErrorCodes.Conflict,
                        $"Appointment {appointmentId} is {(status == AttemptStatus.Completed ? "paid" : "being paid")}: its barber, price and currency can no longer change.",
                        new Dictionary<string, object?>
                        {
                            ["appointment_id"] = appointmentId,
                            ["payment_status"] = status,
                            ["payment_id"] = existing!.GetString("ProcessorPaymentId"),
                        });
                if (!movedAway || status == Moved) return EntityChanges.Keep(false);
                return EntityChanges.Write(new TableEntity(partition, LockRow(appointmentId)) { ["Status"] = Moved, ["Since"] = clock.GetUtcNow() }, true);
            }, cancellationToken);
        }
        await ReopenAsync(appointmentId, toBarberId, cancellationToken);
    }

    private Task ReopenAsync(int appointmentId, int barberId, CancellationToken cancellationToken)
    {
        var partition = LedgerPartition.For(barberId);
        return Ledger.UpdateAsync(partition, LockRow(appointmentId), existing => existing?.GetString("Status") == Moved
            ? EntityChanges.Write(new TableEntity(partition, LockRow(appointmentId)) { ["Status"] = Open, ["Since"] = clock.GetUtcNow() }, true)
            : EntityChanges.Keep(false), cancellationToken);
    }

    /// <summary>Whether the appointment's current lock lets a new attempt in: throws when it does not.</summary>
    private void Admit(PaymentAttempt attempt, TableEntity existing)
    {
        if (existing.GetString("Status") == Moved)
            throw new DomainException(ErrorCodes.Conflict, $"Appointment {attempt.AppointmentId} was moved to another barber while it was being paid; nothing was charged.",
                new Dictionary<string, object?> { ["appointment_id"] = attempt.AppointmentId });
        if (existing.GetString("Status") == AttemptStatus.Completed)
            throw new DomainException(ErrorCodes.AppointmentAlreadyPaid, $"Appointment {attempt.AppointmentId} is already paid.",
                new Dictionary<string, object?> { ["appointment_id"] = attempt.AppointmentId, ["payment_id"] = existing.GetString("ProcessorPaymentId") });
        if (existing.GetString("Status") == AttemptStatus.Pending)
        {
            if (clock.GetUtcNow() - (existing.GetDateTimeOffset("Since") ?? default) < StaleAfter)
                throw new DomainException(ErrorCodes.PaymentInProgress, $"A payment for appointment {attempt.AppointmentId} is already under way.",
                    new Dictionary<string, object?> { ["appointment_id"] = attempt.AppointmentId });
            // An earlier attempt never settled: it may have charged. It must be settled before anyone pays again.
            throw new UnsettledAttemptException(attempt.BarberId, existing.GetString("AttemptRow") ?? "");
        }
    }

    /// <summary>Rewrites a still-pending attempt (it is moving to another processor), so a reconciler asks the right one.</summary>
    public async Task RedirectAsync(PaymentAttempt attempt, CancellationToken cancellationToken) =>
        await Ledger.UpdateEntityAsync(ToEntity(attempt), ETag.All, TableUpdateMode.Replace, cancellationToken);

    /// <summary>
    /// Rewrites a still-pending attempt with what <paramref name="with"/> adds in the same entity-group transaction (asked
    /// again after another writer changed one of its rows). Returns the attempt as recorded.
    /// </summary>
    public async Task<PaymentAttempt> RedirectAsync(PaymentAttempt attempt, Func<PaymentAttempt, CancellationToken, Task<AttemptActions>> with, CancellationToken cancellationToken)
    {
        for (var attemptNo = 1; ; attemptNo++)
        {
            var added = await with(attempt, cancellationToken);
            try
            {
                await Ledger.SubmitTransactionAsync(
                    [new TableTransactionAction(TableTransactionActionType.UpdateReplace, ToEntity(added.Attempt), ETag.All), .. added.Actions], cancellationToken);
                return added.Attempt;
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412 && attemptNo < ExtraActionTries) { }
        }
    }

    /// <summary>Settles the attempt and the appointment together: paid when completed, free to pay again otherwise.</summary>
    public Task SettleAsync(PaymentAttempt attempt, CancellationToken cancellationToken) => SettleAsync(attempt, null, cancellationToken);

    /// <summary>
    /// Settles the attempt and the appointment together, with what <paramref name="with"/> adds in the same entity-group
    /// transaction — only when this settles a pending attempt (guarded by its ETag), so two settlers racing (the payment
    /// and the reconciler) apply the additions once. Asked again after another writer changed one of its rows.
    /// </summary>
    public async Task SettleAsync(PaymentAttempt attempt, Func<PaymentAttempt, CancellationToken, Task<IReadOnlyList<TableTransactionAction>>>? with,
        CancellationToken cancellationToken)
    {
        var partition = LedgerPartition.For(attempt.BarberId);
        var lockEntity = new TableEntity(partition, LockRow(attempt.AppointmentId))
        {
            ["Status"] = attempt.Status == AttemptStatus.Completed ? AttemptStatus.Completed : Open,
            ["AttemptRow"] = attempt.RowKey,
            ["ProcessorPaymentId"] = attempt.ProcessorPaymentId,
            ["Since"] = attempt.ProcessedAt ?? clock.GetUtcNow(),
        };
        for (var attemptNo = 1; ; attemptNo++)
        {
            var attemptEtag = ETag.All;
            IReadOnlyList<TableTransactionAction> extra = [];
            if (with is not null)
            {
                var stored = await Ledger.GetEntityIfExistsAsync<TableEntity>(partition, attempt.RowKey, cancellationToken: cancellationToken);
                if (stored.HasValue && stored.Value!.GetString("Status") == AttemptStatus.Pending)
                {
                    attemptEtag = stored.Value.ETag;
                    extra = await with(attempt, cancellationToken);
                }
            }
            try
            {
                await Ledger.SubmitTransactionAsync(
                [
                    new TableTransactionAction(TableTransactionActionType.UpdateReplace, ToEntity(attempt), attemptEtag),
                    new TableTransactionAction(TableTransactionActionType.UpdateReplace, lockEntity, ETag.All),
                    .. extra,
                ], cancellationToken);
                await changes.ChangedAsync(attempt.BarberId, attempt.CreatedAt, attempt.CreatedAt, cancellationToken);
                return;
            }
            catch (RequestFailedException ex) when (with is not null && ex.Status is 409 or 412 && attemptNo < ExtraActionTries) { }
        }
    }

    /// <summary>
    /// Attempts still pending that started before <paramref name="before"/>: charged or not, we never heard back. Reads
    /// only the listed barber-hours, and takes hours that ended long ago with nothing pending off the list.
    /// </summary>
    public async Task<IReadOnlyList<PaymentAttempt>> PendingBeforeAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        var pending = new List<PaymentAttempt>();
        var now = clock.GetUtcNow();
        await foreach (var (barberId, hour) in watchlist.ListAsync(cancellationToken))
        {
            var inHour = await ListAsync(barberId, hour, hour.AddHours(1), AttemptStatus.Pending, cancellationToken);
            pending.AddRange(inHour.Where(a => a.CreatedAt < before));
            if (inHour.Count == 0 && ReconciliationWatchlist.CanForget(hour, now))
                await watchlist.ForgetAsync(barberId, hour, cancellationToken);
        }
        return pending;
    }

    /// <summary>The barber's attempts created in [from, to), oldest first.</summary>
    public Task<IReadOnlyList<PaymentAttempt>> ListAsync(int barberId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
        ListAsync(barberId, from, to, status: null, cancellationToken);

    private async Task<IReadOnlyList<PaymentAttempt>> ListAsync(int barberId, DateTimeOffset from, DateTimeOffset to, string? status, CancellationToken cancellationToken)
    {
        var partition = LedgerPartition.For(barberId);
        var low = AttemptKey.RowKeyAt(from);
        var high = AttemptKey.RowKeyAt(to);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {low} and RowKey lt {high}");
        if (status is not null) filter += " and " + TableClient.CreateQueryFilter($"Status eq {status}");
        var attempts = new List<PaymentAttempt>();
        await foreach (var e in Ledger.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
            attempts.Add(FromEntity(e));
        return attempts;
    }

    public async Task<PaymentAttempt?> GetAsync(int barberId, string rowKey, CancellationToken cancellationToken)
    {
        var found = await Ledger.GetEntityIfExistsAsync<TableEntity>(LedgerPartition.For(barberId), rowKey, cancellationToken: cancellationToken);
        return found.HasValue ? FromEntity(found.Value!) : null;
    }

    /// <summary>The appointment's payment state: null when never paid, else the status and the payment id.</summary>
    public async Task<(string Status, string? PaymentId)?> AppointmentPaymentAsync(int barberId, int appointmentId, CancellationToken cancellationToken)
    {
        var found = await Ledger.GetEntityIfExistsAsync<TableEntity>(LedgerPartition.For(barberId), LockRow(appointmentId), cancellationToken: cancellationToken);
        return found.HasValue ? (found.Value!.GetString("Status") ?? "open", found.Value.GetString("ProcessorPaymentId")) : null;
    }

    /// <summary>The barber's attempt with this id (the id we gave the processor as metadata), or null.</summary>
    public async Task<PaymentAttempt?> FindByAttemptIdAsync(int barberId, string attemptId, CancellationToken cancellationToken)
    {
        var partition = LedgerPartition.For(barberId);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {"pay-"} and RowKey lt {"pay."} and AttemptId eq {attemptId}");
        await foreach (var e in Ledger.QueryAsync<TableEntity>(filter, maxPerPage: 1, cancellationToken: cancellationToken))
            return FromEntity(e);
        return null;
    }

    /// <summary>
    /// Records how much of a completed attempt the processor refunded in all (its running total, as Stripe's charge
    /// carries it): only ever upwards, so an older refund event arriving late changes nothing. True when it changed.
    /// </summary>
    public Task<bool> RecordRefundAsync(int barberId, string rowKey, long refundedMinor, CancellationToken cancellationToken) =>
        ChangeCompletedAsync(barberId, rowKey, existing =>
        {
            if (existing is null || existing.GetString("Status") != AttemptStatus.Completed || refundedMinor <= (existing.GetInt64("RefundedMinor") ?? 0))
                return EntityChanges.Keep(false);
            existing["RefundedMinor"] = Math.Min(refundedMinor, existing.GetInt64("AmountMinor") ?? refundedMinor);
            return EntityChanges.Write(existing, true);
        }, cancellationToken);

    /// <summary>Records that the card holder disputed a completed attempt (the first dispute's time stays). True when it changed.</summary>
    public Task<bool> RecordDisputeAsync(int barberId, string rowKey, DateTimeOffset disputedAt, CancellationToken cancellationToken) =>
        ChangeCompletedAsync(barberId, rowKey, existing =>
        {
            if (existing is null || existing.GetString("Status") != AttemptStatus.Completed || existing.GetDateTimeOffset("DisputedAt") is not null)
                return EntityChanges.Keep(false);
            existing["DisputedAt"] = disputedAt;
            return EntityChanges.Write(existing, true);
        }, cancellationToken);

    /// <summary>An update of a settled attempt; when it wrote, the listener hears of the payment's creation time (its day).</summary>
    private async Task<bool> ChangeCompletedAsync(int barberId, string rowKey, Func<TableEntity?, EntityChange<bool>> change, CancellationToken cancellationToken)
    {
        DateTimeOffset? createdAt = null;
        var changed = await Ledger.UpdateAsync(LedgerPartition.For(barberId), rowKey, existing =>
        {
            createdAt = existing?.GetDateTimeOffset("CreatedAt");
            return change(existing);
        }, cancellationToken);
        if (changed && createdAt is { } at) await changes.ChangedAsync(barberId, at, at, cancellationToken);
        return changed;
    }

    private static string LockRow(int appointmentId) => LockPrefix + appointmentId.ToString("D10", CultureInfo.InvariantCulture);

    /// <summary>An attempt's ledger row (public for the bench, which seeds rows as the ledger writes them).</summary>
    public static TableEntity ToEntity(PaymentAttempt a) => new(LedgerPartition.For(a.BarberId), a.RowKey)
    {
        ["AttemptId"] = a.AttemptId,
        ["BarberId"] = a.BarberId,
        ["AppointmentId"] = a.AppointmentId,
        ["AmountMinor"] = a.Amount.Minor,
        ["Currency"] = a.Amount.Currency.Code,
        ["Decision"] = a.Decision,
        ["Processor"] = a.Processor,
        ["ConnectionId"] = a.ConnectionId,
        ["Status"] = a.Status,
        ["ProcessingFeeMinor"] = a.ProcessingFee.Minor,
        ["CommissionMinor"] = a.Commission.Minor,
        ["CommissionCollected"] = a.CommissionCollected,
        ["ProcessorIdempotencyKey"] = a.ProcessorIdempotencyKey,
        ["CreatedAt"] = a.CreatedAt,
        ["ProcessorPaymentId"] = a.ProcessorPaymentId,
        ["ProcessedAt"] = a.ProcessedAt,
        ["DurationMs"] = a.DurationMs,
        ["DeclineCode"] = a.DeclineCode,
        ["FailureReason"] = a.FailureReason,
        ["FallbackFrom"] = a.FallbackFrom,
        ["FallbackAvailable"] = a.FallbackAvailable,
        ["TipMinor"] = a.Tip?.Minor,
        ["RefundedMinor"] = a.Refunded?.Minor,
        ["DisputedAt"] = a.DisputedAt,
        ["SavedPaymentMethodId"] = a.SavedPaymentMethodId,
        ["SavedCustomerId"] = a.SavedCustomerId,
        ["NettedCommissionMinor"] = a.NettedCommission?.Minor,
        ["NettingCollectionId"] = a.NettingCollectionId,
        ["NettingCollectionRow"] = a.NettingCollectionRow,
    };

    private static PaymentAttempt FromEntity(TableEntity e)
    {
        Amounts.Currency.TryParse(e.GetString("Currency"), out var currency);
        currency ??= Amounts.Currency.Usd;
        Money M(string name) => new(e.GetInt64(name) ?? 0, currency);
        return new PaymentAttempt(
            e.GetString("AttemptId") ?? "", e.GetInt32("BarberId") ?? 0, e.GetInt32("AppointmentId") ?? 0, M("AmountMinor"),
            e.GetString("Decision") ?? "", e.GetString("Processor") ?? "", e.GetInt32("ConnectionId"), e.GetString("Status") ?? AttemptStatus.Pending,
            M("ProcessingFeeMinor"), M("CommissionMinor"), e.GetBoolean("CommissionCollected") ?? false, e.GetString("ProcessorIdempotencyKey") ?? "",
            e.GetDateTimeOffset("CreatedAt") ?? default, e.GetString("ProcessorPaymentId"), e.GetDateTimeOffset("ProcessedAt"), e.GetInt64("DurationMs"),
            e.GetString("DeclineCode"), e.GetString("FailureReason"), e.GetString("FallbackFrom"), e.GetBoolean("FallbackAvailable") ?? false,
            e.GetInt64("TipMinor") is { } tip ? new Money(tip, currency) : null,
            e.GetInt64("RefundedMinor") is { } refunded ? new Money(refunded, currency) : null,
            e.GetDateTimeOffset("DisputedAt"),
            e.GetString("SavedPaymentMethodId"),
            e.GetString("SavedCustomerId"),
            e.GetInt64("NettedCommissionMinor") is { } netted ? new Money(netted, currency) : null,
            e.GetInt64("NettingCollectionId"),
            e.GetString("NettingCollectionRow"));
    }
}
