using BookedBarber.Payments.Amounts;
using BookedBarber.Payments.Errors;
using BookedBarber.Payments.Ledger;
using BookedBarber.Payments.Queues;
using BookedBarber.Payments.Routing;
using BookedBarber.Payments.Security;
using Microsoft.Extensions.Logging;

namespace BookedBarber.Payments.Collections;

/// <summary>
/// Charges due collections (due → processing → collected / failed), retries failed ones on the dunning schedule,
/// settles charges stuck in processing by asking Stripe, and starts an operator's retry. Never twice: a charge attempt
/// is marked processing with its idempotency key BEFORE Stripe is called, every later send of that attempt reuses the
/// key, and a stuck one is looked up at Stripe before it is sent again.
/// </summary>
public sealed class CollectionCharger(
    CollectionStore store,
    CollectionSteps steps,
    ICollectionChargeGateway gateway,
    CommissionNetting netting,
    BarberProcessorsReader processors,
    PaymentConfigStore configs,
    TenantAccess tenants,
    QueueSender queues,
    AuditLog audit,
    CollectionSettings settings,
    TimeProvider clock,
    ILogger<CollectionCharger> logger)
{
    /// <summary>How long netting waits for a payment in flight to settle before closing again.</summary>
    public static readonly TimeSpan NettingCloseRetry = TimeSpan.FromMinutes(5);

    /// <summary>The longest a queue message may be delayed (Azure Storage Queues: 7 days).</summary>
    public static readonly TimeSpan MaxDelay = TimeSpan.FromDays(7);

    private readonly DunningSchedule _dunning = new(settings);

    /// <summary>Everything actionable for the barber now: due charges, scheduled retries, stuck sweeps (an operator run also charges what auto-collection leaves).</summary>
    public async Task ActAsync(int barberId, bool operatorRun, CancellationToken cancellationToken)
    {
        var open = new List<CommissionCollection>();
        await foreach (var c in store.ListAsync(barberId, null, null, cancellationToken))
            if (c.Status is not (CollectionStatus.Collected or CollectionStatus.Building)) open.Add(c);
        // Oldest first: what was owed first is charged first.
        foreach (var c in Enumerable.Reverse(open))
            await ActOnAsync(c, operatorRun, cancellationToken);
    }

    private async Task ActOnAsync(CommissionCollection c, bool operatorRun, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        switch (c.Status)
        {
            case CollectionStatus.Pending or CollectionStatus.Due when c.DueDate <= now:
                await DueAsync(c, operatorRun, cancellationToken);
                break;
            case CollectionStatus.Failed when !c.NeedsOperator && c.NextRetryAt is { } next && next <= now:
                await StartChargeAsync(c, CollectionStatus.Failed, automatic: true, method: null, cancellationToken);
                break;
            case CollectionStatus.Processing:
                await ResumeAsync(c, cancellationToken);
                break;
        }
    }

    private async Task DueAsync(CommissionCollection c, bool operatorRun, CancellationToken cancellationToken)
    {
        var expected = c.Status;
        if (c.Method == CollectionMethods.Netting && !c.NettingClosed)
        {
            // Netting stops at the due date; a payment still holding a reservation settles first.
            var closed = await steps.RunAsync("charge.close_netting", () => netting.CloseAsync(c.BarberId, c.RowKey, cancellationToken));
            if (closed is null)
            {
                await EnqueueAsync(c, CollectionTriggers.Due, NettingCloseRetry, "charge.enqueue_netting_wait", cancellationToken);
                return;
            }
            c = closed;
            if (c.Status != expected) return;
        }

        var now = clock.GetUtcNow();
        if (c.Remaining.Minor <= 0)
        {
            // Netting took it all (or credits did): nothing to charge.
            var method = c.NettedMinor > 0 ? CollectionMethods.Netting : c.Method;
            await TransitionAsync(c, "charge.mark_collected_without_charge", cur => cur.Status == expected && cur.Remaining.Minor <= 0
                ? cur with { Status = CollectionStatus.Collected, ChargeMethod = method, CollectedAt = now, NeedsOperator = false, NextRetryAt = null, UpdatedAt = now }
                : null, cancellationToken);
            return;
        }

        var config = await configs.GetAsync(c.BarberId, cancellationToken);
        if (!config.AutoCollectionEnabled && !operatorRun)
        {
            // Auto-collection off: the collection waits, due, for an operator run or a retry.
            if (c.Status == CollectionStatus.Pending)
                await TransitionAsync(c, "charge.mark_due", cur => cur.Status == CollectionStatus.Pending
                    ? cur with { Status = CollectionStatus.Due, UpdatedAt = now } : null, cancellationToken);
            return;
        }
        await StartChargeAsync(c, expected, automatic: false, method: null, cancellationToken);
    }

    /// <summary>
    /// Marks the next attempt processing under the collection's ETag (only from <paramref name="from"/> and the attempt
    /// seen: a concurrent run loses), then sends it.
    /// </summary>
    private async Task StartChargeAsync(CommissionCollection c, string from, bool automatic, string? method, CancellationToken cancellationToken)
    {
        var chargeMethod = method ?? await DirectMethodAsync(c, c.Method, cancellationToken);
        var marked = await MarkProcessingAsync(c, from, automatic, chargeMethod, "charge.mark_processing", cancellationToken);
        if (marked is null) return;
        await SendAsync(marked, cancellationToken);
    }

    private Task<CommissionCollection?> MarkProcessingAsync(CommissionCollection c, string from, bool automatic, string chargeMethod, string step,
        CancellationToken cancellationToken, Caller? actor = null, string? requestId = null, string? action = null, string? reason = null)
    {
        var attempt = c.RetryAttempt + 1;
        var now = clock.GetUtcNow();
        return WriteAsync(c, step, cur => cur.Status == from && cur.RetryAttempt == c.RetryAttempt
            ? cur with
            {
                Status = CollectionStatus.Processing,
                RetryAttempt = attempt,
                AutomaticRetries = automatic ? cur.AutomaticRetries + 1 : cur.AutomaticRetries,
                ChargeIdempotencyKey = CommissionCollection.ChargeKey(cur.Id, attempt),
                ProcessingSince = now,
                ChargeMethod = chargeMethod,
                NextRetryAt = null,
                NeedsOperator = false,
                UpdatedAt = now,
            }
            : null, cancellationToken, actor, requestId, action, reason);
    }

    /// <summary>A processing collection: sent again with the same key while young; asked about at Stripe once stuck.</summary>
    private async Task ResumeAsync(CommissionCollection c, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (c.ProcessingSince is { } since && now - since < settings.Stuck)
        {
            // Same attempt, same key: Stripe answers what it answered the first time (or 409 while that is in flight).
            await SendAsync(c, cancellationToken);
            return;
        }
        await SweepAsync(c, cancellationToken);
    }

    /// <summary>
    /// A charge stuck in processing: what does Stripe hold for the collection? A succeeded charge settles it collected,
    /// a failed one failed; nothing at all means the call never arrived, so it is sent again with the same key.
    /// </summary>
    private async Task SweepAsync(CommissionCollection c, CancellationToken cancellationToken)
    {
        IReadOnlyList<CollectionChargeRecord> charges;
        try
        {
            charges = await steps.RunAsync("charge.sweep_find", () => gateway.FindChargesAsync(c.Id, cancellationToken));
        }
        catch (CollectionChargeUnavailableException ex)
        {
            logger.LogWarning(ex, "Collection {CollectionId}: Stripe could not be asked about its charges; swept again later.", c.Id);
            await EnqueueAsync(c, CollectionTriggers.Sweep, settings.Stuck, "charge.enqueue_sweep", cancellationToken);
            return;
        }

        // Any succeeded charge of the collection means the barber paid: never charge again (its own attempt's first).
        var succeeded = charges.Where(r => r.Status == "succeeded").OrderByDescending(r => r.Attempt == c.RetryAttempt).FirstOrDefault();
        if (succeeded is not null)
        {
            await RecordAsync(c, CollectionChargeOutcome.Success(succeeded.Id, succeeded.PaymentIntentId), cancellationToken);
            return;
        }
        var mine = charges.Where(r => r.Attempt == c.RetryAttempt).ToList();
        if (mine.Any(r => r.Status == "pending"))
        {
            await EnqueueAsync(c, CollectionTriggers.Sweep, settings.Stuck, "charge.enqueue_sweep", cancellationToken);
            return;
        }
        if (mine.FirstOrDefault(r => r.Status == "failed") is { } failed)
        {
            await RecordAsync(c, CollectionChargeOutcome.Failure(failed.FailureCode ?? "charge_failed",
                $"Stripe declined the charge ({failed.FailureCode ?? "no code"}).", failed.Id, failed.PaymentIntentId), cancellationToken);
            return;
        }
        await SendAsync(c, cancellationToken);
    }

    /// <summary>Sends the collection's current attempt (its key) by its charge method and records the answer.</summary>
    private async Task SendAsync(CommissionCollection c, CancellationToken cancellationToken)
    {
        var method = c.ChargeMethod ?? c.Method;
        var charge = new CollectionCharge(c.Id, c.BarberId, c.RetryAttempt, new Money(c.Remaining.Minor + c.ProcessingFeeMinor, c.Currency),
            c.ChargeIdempotencyKey ?? CommissionCollection.ChargeKey(c.Id, c.RetryAttempt),
            FormattableString.Invariant($"BookedBarber commission collection {c.Id}"));
        CollectionChargeOutcome outcome;
        try
        {
            outcome = await ChargeByMethodAsync(c, method, charge, cancellationToken);
        }
        catch (CollectionChargeUnavailableException ex)
        {
            // Nothing is known: it stays processing; this key is sent again (or looked up once stuck) later.
            logger.LogWarning(ex, "Collection {CollectionId} attempt {Attempt}: Stripe unavailable; left processing.", c.Id, c.RetryAttempt);
            await EnqueueAsync(c, CollectionTriggers.Sweep, settings.Stuck, "charge.enqueue_sweep", cancellationToken);
            return;
        }
        await RecordAsync(c, outcome, cancellationToken);
    }

    private async Task<CollectionChargeOutcome> ChargeByMethodAsync(CommissionCollection c, string method, CollectionCharge charge, CancellationToken cancellationToken)
    {
        switch (method)
        {
            case CollectionMethods.CardOnFile:
                var config = await configs.GetAsync(c.BarberId, cancellationToken);
                if (config.CollectionCustomerId is not { Length: > 0 } customer || config.CollectionPaymentMethodId is not { Length: > 0 } card)
                    return CollectionChargeOutcome.Failure("no_payment_method", "The barber has no saved card for commission collection (collection_customer_id and collection_payment_method_id).");
                return await steps.RunAsync("charge.gateway_card", () => gateway.ChargeSavedCardAsync(charge, customer, card, cancellationToken));
            default:
                var account = (await processors.ReadAsync(c.BarberId, cancellationToken)).PlatformAccount;
                if (account is null)
                    return CollectionChargeOutcome.Failure("no_connect_account", "The barber has no Stripe Connect account to debit.");
                return await steps.RunAsync("charge.gateway_debit", () => gateway.DebitConnectAccountAsync(charge, account.StripeAccountId, cancellationToken));
        }
    }

    /// <summary>Stores Stripe's answer for the attempt (only while that attempt is still processing), audits it, and schedules dunning.</summary>
    private async Task RecordAsync(CommissionCollection c, CollectionChargeOutcome outcome, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var recorded = await TransitionAsync(c, "charge.record_result", cur =>
        {
            if (cur.Status != CollectionStatus.Processing || cur.RetryAttempt != c.RetryAttempt) return null;
            if (outcome.Succeeded)
                return cur with
                {
                    Status = CollectionStatus.Collected, ChargeId = outcome.ChargeId, PaymentIntentId = outcome.PaymentIntentId, CollectedAt = now,
                    ProcessingSince = null, NextRetryAt = null, NeedsOperator = false, UpdatedAt = now,
                };
            var next = _dunning.NextRetry(cur.AutomaticRetries, now);
            return cur with
            {
                Status = CollectionStatus.Failed, ChargeId = outcome.ChargeId ?? cur.ChargeId, PaymentIntentId = outcome.PaymentIntentId ?? cur.PaymentIntentId,
                FailureCode = outcome.FailureCode ?? "charge_failed", FailedReason = outcome.FailureReason ?? "The charge failed.", FailedAt = now,
                ProcessingSince = null, NextRetryAt = next, NeedsOperator = next is null, UpdatedAt = now,
            };
        }, cancellationToken);
        if (recorded is { Status: CollectionStatus.Failed, NextRetryAt: { } retryAt })
            await EnqueueAsync(recorded, CollectionTriggers.Retry, retryAt - now, "charge.enqueue_retry", cancellationToken);
    }

    private Task<CommissionCollection?> TransitionAsync(CommissionCollection c, string step, Func<CommissionCollection, CommissionCollection?> change,
        CancellationToken cancellationToken) => WriteAsync(c, step, change, cancellationToken);

    /// <summary>
    /// Changes the collection under its ETag when <paramref name="change"/> says so (null: it no longer applies, write
    /// nothing) and adds its audit entry in the same entity-group transaction, so no crash leaves a transition unaudited.
    /// Returns what was written (null when nothing was).
    /// </summary>
    private async Task<CommissionCollection?> WriteAsync(CommissionCollection c, string step, Func<CommissionCollection, CommissionCollection?> change,
        CancellationToken cancellationToken, Caller? actor = null, string? requestId = null, string? action = null, string? reason = null)
    {
        CommissionCollection? written = null;
        await steps.RunAsync(step, () => store.UpdateAsync(c.BarberId, c.RowKey, cur =>
        {
            written = cur is null ? null : change(cur);
            return written ?? cur;
        }, next =>
        [
            audit.Entry(next.BarberId, actor ?? CollectionSystemCaller.Instance, action ?? $"collection.{next.Status}", (CollectionTransition?)null,
                CollectionTransition.Of(next, reason), requestId ?? FormattableString.Invariant($"collection-{next.Id}-attempt-{next.RetryAttempt}")),
        ], cancellationToken));
        return written;
    }

    /// <summary>
    /// An operator's (or the barber's) retry of a failed collection: failed → processing with the next attempt's key under
    /// the ETag (a concurrent retry loses with 409), audited with the reason, charged on the queue. Manual retries do not
    /// count against dunning.
    /// </summary>
    public async Task<RetryCollectionResponse> RetryAsync(Caller caller, long collectionId, string? method, string? reason, string requestId,
        CancellationToken cancellationToken)
    {
        if (method is not null && !CollectionMethods.All.Contains(method))
            throw DomainException.Validation("collection_method", $"collection_method must be one of {string.Join(", ", CollectionMethods.All)}.");
        if (reason is { Length: > 500 })
            throw DomainException.Validation("retry_reason", "retry_reason may be at most 500 characters.");

        var c = await store.GetAsync(collectionId, cancellationToken);
        if (c is null || c.Status == CollectionStatus.Building || !await tenants.CanActOnBarberAsync(caller, c.BarberId, cancellationToken))
            throw DomainException.NotFound("collection", collectionId);
        var now = clock.GetUtcNow();
        if (c.Status != CollectionStatus.Failed) throw NotRetryable(c, now);

        var chargeMethod = await DirectMethodAsync(c, method ?? c.ChargeMethod ?? c.Method, cancellationToken);
        var marked = await MarkProcessingAsync(c, CollectionStatus.Failed, automatic: false, chargeMethod, "charge.retry_mark_processing", cancellationToken,
            caller, requestId, "collection.retry", reason);
        if (marked is null)
            throw NotRetryable(await store.GetAsync(c.BarberId, c.RowKey, cancellationToken) ?? c, now);
        await EnqueueAsync(marked, CollectionTriggers.Retry, TimeSpan.Zero, "charge.enqueue_manual_retry", cancellationToken);
        return new RetryCollectionResponse(marked.Id, true, CollectionStatus.Processing, marked.RetryAttempt, now.AddMinutes(1));
    }

    private static DomainException NotRetryable(CommissionCollection c, DateTimeOffset now) =>
        new(ErrorCodes.Conflict, c.Status == CollectionStatus.Processing
                ? $"Collection {c.Id} is already being charged (attempt {c.RetryAttempt})."
                : $"Collection {c.Id} is {c.StatusAt(now)}: only a failed collection can be retried.",
            new Dictionary<string, object?> { ["collection_id"] = c.Id, ["status"] = c.StatusAt(now) });

    /// <summary>The method a charge uses: netting's remainder is charged by the barber's fallback method.</summary>
    private async Task<string> DirectMethodAsync(CommissionCollection c, string method, CancellationToken cancellationToken)
    {
        if (method != CollectionMethods.Netting) return method;
        var fallback = (await configs.GetAsync(c.BarberId, cancellationToken)).CollectionFallbackMethod;
        return CollectionMethods.Direct.Contains(fallback) ? fallback : CollectionMethods.StripeConnect;
    }

    private Task EnqueueAsync(CommissionCollection c, string trigger, TimeSpan delay, string step, CancellationToken cancellationToken)
    {
        var clamped = delay < TimeSpan.Zero ? TimeSpan.Zero : delay > MaxDelay ? MaxDelay : delay;
        return steps.RunAsync(step, () => queues.SendAsync(CollectionRequest.QueueName, new CollectionRequest(c.BarberId, null, trigger, c.Id), cancellationToken,
            clamped == TimeSpan.Zero ? null : clamped));
    }
}
