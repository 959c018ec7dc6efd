using BookedBarber.Payments.Amounts;
using BookedBarber.Payments.Errors;
using BookedBarber.Payments.ExternalTransactions;
using BookedBarber.Payments.Routing;
using BookedBarber.Payments.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace BookedBarber.Payments.Collections;

/// <summary>
/// <c>GET /platform-collections/my-collections</c>, <c>/collections/{collection_id}</c> and <c>/summary</c>: a barber's
/// commission collections. A barber reads their own; shop owners, enterprise owners and admin name the barber with
/// <c>barber_id</c> (a barber they may not see is 404). Collections still being built never appear. The status shown is
/// the status at the time of the request (a pending collection past its due date is <c>due</c>).
/// </summary>
/// <remarks>
/// Money in the list's summary is summed in the currency of the newest collection of the filtered set (others count in the
/// number only); the period summary counts in the barber's configured currency.
/// </remarks>
public static class CollectionEndpoints
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;
    public const string DefaultPeriod = "30_days";
    public const string CollectionType = "commission";

    public static async Task<Ok<MyCollectionsResponse>> List(
        [FromQuery] int? barberId, [FromQuery] string? status, [FromQuery] DateTimeOffset? since, [FromQuery] DateTimeOffset? until,
        [FromQuery] int? limit, [FromQuery] int? offset,
        Caller caller, TenantAccess tenants, CollectionReader reader, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (status is not null && !CollectionStatus.Visible.Contains(status))
            throw new DomainException(ErrorCodes.ValidationError, $"status must be one of {string.Join(", ", CollectionStatus.Visible)}.",
                new Dictionary<string, object?> { ["field"] = "status", ["allowed"] = CollectionStatus.Visible });
        if (since is { } s && until is { } u && s > u) throw DomainException.Validation("since", "since must not be after until.");
        if (limit is < 1 or > MaxLimit) throw DomainException.Validation("limit", $"limit must be an integer from 1 to {MaxLimit}.");
        var take = limit ?? DefaultLimit;
        var skip = offset ?? 0;

        var subject = await tenants.SubjectAsync(caller, barberId, cancellationToken);
        var now = clock.GetUtcNow();
        var filtered = (await reader.ListAsync(subject, since, until, cancellationToken))
            .Where(c => status is null || c.StatusAt(now) == status).ToList();

        var currency = filtered.Count > 0 ? filtered[0].Currency : Currency.Usd;
        var zero = Money.Zero(currency);
        Money Sum(Func<string, bool> shown) =>
            filtered.Where(c => c.Currency == currency && shown(c.StatusAt(now))).Aggregate(zero, (sum, c) => sum + c.Amount);
        var summary = new MyCollectionsSummary(
            filtered.Count,
            Sum(_ => true).ToMajor(),
            Sum(x => x is CollectionStatus.Pending or CollectionStatus.Due or CollectionStatus.Processing).ToMajor(),
            Sum(x => x == CollectionStatus.Collected).ToMajor(),
            Sum(x => x == CollectionStatus.Failed).ToMajor());
        var page = filtered.Skip(skip).Take(take).Select(c => ListItem(c, now)).ToList();
        return TypedResults.Ok(new MyCollectionsResponse(page, summary, new CollectionsPagination(take, skip, (long)skip + page.Count < filtered.Count)));
    }

    public static async Task<Ok<CollectionDetailResponse>> Get(
        [FromRoute] int collectionId, Caller caller, TenantAccess tenants, CollectionReader reader, CollectionStore store, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var c = await reader.GetAsync(collectionId, cancellationToken) ?? throw DomainException.NotFound("collection", collectionId);
        await tenants.EnsureBarberAsync(caller, c.BarberId, "collection", collectionId, cancellationToken);
        var items = await reader.ItemsAsync(c, cancellationToken);
        var credits = await store.CreditsAsync(c.BarberId, c.Id, cancellationToken);
        var method = c.ChargeMethod ?? c.Method;
        // A card charge is a PaymentIntent; an account debit has only a charge id: each is what the barber finds at Stripe.
        var paymentIntent = method == CollectionMethods.CardOnFile ? c.PaymentIntentId ?? c.ChargeId : c.ChargeId ?? c.PaymentIntentId;
        return TypedResults.Ok(new CollectionDetailResponse(
            c.Id, c.BarberId, c.Amount.ToMajor(), CollectionType, c.StatusAt(clock.GetUtcNow()), c.ExternalTransactionIds, c.CommissionRate,
            c.DueDate, c.Method, c.StripeInvoiceId, paymentIntent, c.CollectedAt, c.CreatedAt,
            [.. items.Select(i => new CollectionRelatedTransaction(i.ExternalTransactionId, i.Amount.ToMajor(), i.ProcessedAt))],
            new CollectionBreakdown(c.Amount.ToMajor(), c.ProcessingFee.ToMajor(), (c.Amount + c.ProcessingFee).ToMajor()),
            c.Currency.Code, c.FailedReason, c.RetryAttempt, c.NextRetryAt, c.Netted.ToMajor(), new Money(c.CreditMinor, c.Currency).ToMajor(),
            c.ChargeId,
            [.. credits.Select(k => new CollectionCreditLine(k.ExternalTransactionId, k.Amount.ToMajor(), k.FromCollectionId))],
            c.NeedsOperator));
    }

    public static async Task<Ok<CollectionSummaryResponse>> Summary(
        [FromQuery] int? barberId, [FromQuery] string? period,
        Caller caller, TenantAccess tenants, CollectionReader reader, CollectionStore store, ExternalTransactionStore transactions,
        PaymentConfigStore configs, CommissionRateHistory rates, TimeProvider clock, CancellationToken cancellationToken)
    {
        period ??= DefaultPeriod;
        if (!CollectionSummaryCalculator.Periods.TryGetValue(period, out var days))
            throw new DomainException(ErrorCodes.ValidationError, $"period must be one of {string.Join(", ", CollectionSummaryCalculator.Periods.Keys)}.",
                new Dictionary<string, object?> { ["field"] = "period", ["allowed"] = CollectionSummaryCalculator.Periods.Keys.ToArray() });
        var subject = await tenants.SubjectAsync(caller, barberId, cancellationToken);
        var now = clock.GetUtcNow();
        var config = await configs.GetAsync(subject, cancellationToken);
        var timeline = await rates.ReadAsync(subject, cancellationToken);
        // All collections: a transaction of the period may sit in a collection made before it began.
        var collections = await reader.ListAsync(subject, null, null, cancellationToken);
        var claims = (await store.ItemsAsync(subject, cancellationToken)).ToDictionary(i => i.TransactionId);
        var processed = new List<ExternalTransaction>();
        await foreach (var t in transactions.QueryAsync(subject, now.AddDays(-2 * days), now, cancellationToken)) processed.Add(t);
        return TypedResults.Ok(CollectionSummaryCalculator.Summarize(period, now, config.Currency, config.CommissionRate, timeline, collections, processed, claims));
    }

    private static CollectionListItem ListItem(CommissionCollection c, DateTimeOffset now) => new(
        c.Id, c.Amount.ToMajor(), CollectionType, c.StatusAt(now), c.ExternalTransactionIds, c.CommissionRate, c.DueDate, c.Method, c.CollectedAt, c.CreatedAt,
        c.Currency.Code, c.FailedReason, c.RetryAttempt, c.NextRetryAt, c.Netted.ToMajor(), new Money(c.CreditMinor, c.Currency).ToMajor());
}
