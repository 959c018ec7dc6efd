using BookedBarber.Payments.Errors;
using BookedBarber.Payments.Booking;
using BookedBarber.Payments.Connections;
using BookedBarber.Payments.Ledger;
using BookedBarber.Payments.Amounts;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace BookedBarber.Payments.Routing;

/// <summary>
/// <c>GET /hybrid-payments/routing-stats/{barber_id}?days=30</c>: how the barber's payments were routed over the last
/// <c>days</c> days, computed from the payment ledger (never constants). The catalog checks tenancy before this runs.
/// </summary>
/// <remarks>
/// Rules:
/// <list type="bullet">
/// <item>Period: attempts created in [now − days, now) by the app's <see cref="TimeProvider"/>; <c>days</c> is an integer 1–365, default 30.</item>
/// <item>A payment is a settled attempt: completed, declined or failed. Pending attempts are in flight and are not counted anywhere.</item>
/// <item><c>routing_breakdown</c>: per decision (centralized, external, fallback) the number of payments, their share of
/// <c>total_payments</c> in percent (one decimal, half away from zero; the three may add up to 99.9–100.1) and the
/// volume, the sum of the completed payments' amounts.</item>
/// <item><c>success_rates</c>: completed ÷ settled in percent (one decimal). "centralized" is every payment charged on the
/// platform (decisions centralized and fallback), "external" the barber's own processors, "overall" all; absent when
/// the route had no payments.</item>
/// <item><c>average_processing_times</c>: the mean duration of the route's completed payments, e.g. "1.2s" (same route
/// grouping as success rates); absent when the route completed none.</item>
/// <item><c>fee_comparison</c>: <c>average_processing_fee</c> is the mean processing fee of completed payments (rounded
/// half away from zero to the minor unit); <c>commission_collected</c> sums the commission of completed payments whose
/// commission was collected at charge time (platform charges); <c>total_fees_saved</c> sums, over completed external
/// payments, what the platform's Stripe would have charged minus what the barber's processor charged. It is the real
/// signed figure: negative when the barber's processor costs more.</item>
/// <item><c>refunds</c> (an extension): completed payments later refunded (count, and the amount refunded) or disputed, as
/// the platform's webhooks record them on the ledger.</item>
/// <item>Money is summed in one currency: that of the oldest payment in the period (USD when there is none). Payments in
/// other currencies still count in the numbers of payments, shares and success rates, but not in any money figure —
/// a known limitation for barbers paid in several currencies.</item>
/// </list>
/// </remarks>
public static class RoutingStatsEndpoint
{
    public const int DefaultDays = 30;
    public const int MaxDays = 365;

    private static readonly string Centralized = RoutingNames.Decision(RoutingDecision.Centralized);
    private static readonly string External = RoutingNames.Decision(RoutingDecision.External);
    private static readonly string Fallback = RoutingNames.Decision(RoutingDecision.Fallback);

    public static async Task<Ok<RoutingStatsResponse>> Get(
        [FromRoute] int barberId, [FromQuery] int? days, PaymentLedger ledger, BookingDirectory bookings, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (days is < 1 or > MaxDays) throw DomainException.Validation("days", $"days must be an integer from 1 to {MaxDays}.");
        days ??= DefaultDays;
        // A barber the booking platform does not know is 404, as options and config answer, never a page of zeros.
        await BarberSubject.EnsureKnownAsync(bookings, barberId, cancellationToken);
        var now = clock.GetUtcNow();
        var attempts = await ledger.ListAsync(barberId, now.AddDays(-days.Value), now, cancellationToken);
        return TypedResults.Ok(Compute(barberId, days.Value, attempts));
    }

    public static RoutingStatsResponse Compute(int barberId, int days, IReadOnlyList<PaymentAttempt> attempts)
    {
        var settled = attempts.Where(a => a.Status is AttemptStatus.Completed or AttemptStatus.Declined or AttemptStatus.Failed).ToList();
        var currency = settled.OrderBy(a => a.CreatedAt).FirstOrDefault()?.Amount.Currency ?? Currency.Usd;
        var completed = settled.Where(a => a.Status == AttemptStatus.Completed).ToList();
        var completedInCurrency = completed.Where(a => a.Amount.Currency == currency).ToList();
        var total = settled.Count;

        RoutingBucket Bucket(string decision)
        {
            var count = settled.Count(a => a.Decision == decision);
            return new RoutingBucket(count, Percent(count, total), Sum(completedInCurrency.Where(a => a.Decision == decision).Select(a => a.Amount), currency).ToMajor());
        }

        static bool OnPlatform(PaymentAttempt a) => a.Decision == Centralized || a.Decision == Fallback;
        static bool OnExternal(PaymentAttempt a) => a.Decision == External;

        // What the platform would have charged for each external payment; nothing to compare in a currency it does not take.
        var platformFees = FeeSchedule.PlatformStripe(currency);
        var savings = platformFees is null ? [] : completedInCurrency.Where(OnExternal)
            .Select(a => FeeCalculator.Estimate(a.Amount, platformFees, 0).ProcessingFee - a.ProcessingFee);

        return new RoutingStatsResponse(
            barberId,
            days,
            total,
            new RoutingBreakdown(Bucket(Centralized), Bucket(External), Bucket(Fallback)),
            new RoutingSuccessRates(SuccessRate(settled.Where(OnPlatform)), SuccessRate(settled.Where(OnExternal)), SuccessRate(settled)),
            new AverageProcessingTimes(AverageTime(completed.Where(OnPlatform)), AverageTime(completed.Where(OnExternal))),
            new RoutingFeeComparison(
                Sum(savings, currency).ToMajor(),
                Mean(completedInCurrency.Select(a => a.ProcessingFee), currency).ToMajor(),
                Sum(completedInCurrency.Where(a => a.CommissionCollected).Select(a => a.Commission), currency).ToMajor()),
            new RoutingRefunds(
                completed.Count(a => a.Refunded is { Minor: > 0 }),
                Sum(completedInCurrency.Where(a => a.Refunded is not null).Select(a => a.Refunded!.Value), currency).ToMajor(),
                completed.Count(a => a.DisputedAt is not null)));
    }

    /// <summary>A share in percent with exactly one decimal (40.0), half away from zero; 0.0 when there is nothing to share.</summary>
    private static decimal Percent(int part, int whole) =>
        (whole == 0 ? 0m : RoutingNames.Percent(part / (decimal)whole)) + 0.0m;

    private static decimal? SuccessRate(IEnumerable<PaymentAttempt> payments)
    {
        var list = payments.ToList();
        return list.Count == 0 ? null : Percent(list.Count(a => a.Status == AttemptStatus.Completed), list.Count);
    }

    /// <summary>Mean duration in seconds with one decimal, invariant culture ("1.2s"); null when none has a duration.</summary>
    private static string? AverageTime(IEnumerable<PaymentAttempt> payments)
    {
        var durations = payments.Where(a => a.DurationMs is not null).Select(a => (decimal)a.DurationMs!.Value).ToList();
        if (durations.Count == 0) return null;
        return RoutingNames.Seconds(durations.Sum() / durations.Count);
    }

    private static Money Sum(IEnumerable<Money> amounts, Currency currency) =>
        amounts.Aggregate(Money.Zero(currency), (sum, amount) => sum + amount);

    /// <summary>The mean in minor units, rounded half away from zero; zero when there are none.</summary>
    private static Money Mean(IEnumerable<Money> amounts, Currency currency)
    {
        var list = amounts.ToList();
        if (list.Count == 0) return Money.Zero(currency);
        return new Money((long)Math.Round(Sum(list, currency).Minor / (decimal)list.Count, 0, MidpointRounding.AwayFromZero), currency);
    }
}
