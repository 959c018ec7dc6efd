using BookedBarber.Payments.Amounts;
using BookedBarber.Payments.Analytics.Rollups;
using BookedBarber.Payments.Booking;
using BookedBarber.Payments.Errors;
using BookedBarber.Payments.Routing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace BookedBarber.Payments.Analytics.RoutingStats;

/// <summary>
/// <c>GET /hybrid-payments/routing-stats/{barber_id}?days=30</c>: how the barber's payments were routed over their last
/// <c>days</c> local days, read from the daily rollups every analytics figure comes from (<see cref="RollupReader"/>), so
/// routing-stats and <c>/unified-payment-analytics</c> agree. It lives with analytics, not routing, because it reads
/// rollups and the rollups read routing's names (the features must not import each other both ways).
/// </summary>
/// <remarks>
/// Rules (the figures are sums of <see cref="ModeTotals"/>; the README's "Analytics" section defines them):
/// <list type="bullet">
/// <item>Period: the last <c>days</c> local days in the barber's shop's time zone, today included (so <c>days=1</c> is
/// today so far); <c>days</c> is an integer 1–365, default 30. A payment counts on the local day it was made.</item>
/// <item>A payment is a settled one: completed, declined or failed; pending attempts are in flight and are not counted.
/// "external" is every payment on the barber's own processors: those our API routed there and those taken at the chair
/// that sync or webhooks brought in (one count per processor payment), plus external attempts declined or failed.</item>
/// <item><c>routing_breakdown</c>: per mode (centralized, external, fallback) the number of payments, their share of
/// <c>total_payments</c> in percent (one decimal, half away from zero; the three may add up to 99.9–100.1) and the
/// volume (<see cref="ModeTotals.Volume"/>: what succeeded payments took, tips included, before refunds).</item>
/// <item><c>success_rates</c>: succeeded ÷ settled in percent (one decimal). "centralized" is every payment charged on the
/// platform (modes centralized and fallback), "external" the barber's own processors, "overall" all; null when the route
/// had no payments.</item>
/// <item><c>average_processing_times</c>: the mean duration of the route's payments that have one (our API's calls; a
/// payment synced from the processor has none), e.g. "1.2s"; null when none.</item>
/// <item><c>fee_comparison</c>: <c>average_processing_fee</c> = processing fees ÷ succeeded payments (half away from zero
/// to the minor unit); <c>commission_collected</c> = commission deducted at charge (platform charges);
/// <c>total_fees_saved</c> = <see cref="ModeTotals.FeesSaved"/> of external payments, signed (negative when the barber's
/// processor costs more than the platform's Stripe would have).</item>
/// <item><c>refunds</c> (an extension): succeeded payments later refunded (count, and the amount refunded) or
/// disputed, re-posted to the day of the payment.</item>
/// <item>Money is summed in one currency, the window's main one (<see cref="RollupWindow.Currency"/>: that of most
/// payments; USD when none). Payments in other currencies count in numbers of payments, shares and success rates only.</item>
/// </list>
/// </remarks>
public static class RoutingStatsEndpoint
{
    public const int DefaultDays = 30;
    public const int MaxDays = 365;

    private static readonly string[] PlatformModes = [AnalyticsModes.Centralized, AnalyticsModes.Fallback];
    private static readonly string[] ExternalModes = [AnalyticsModes.External];

    public static async Task<Ok<RoutingStatsResponse>> Get(
        [FromRoute] int barberId, [FromQuery] int? days, RollupReader rollups, BookingDirectory bookings, CancellationToken cancellationToken)
    {
        if (days is < 1 or > MaxDays) throw DomainException.Validation("days", $"days must be an integer from 1 to {MaxDays}.");
        days ??= DefaultDays;
        // A barber the booking platform does not know is 404, as options and config answer, never a page of zeros.
        await BarberSubject.EnsureKnownAsync(bookings, barberId, cancellationToken);
        var window = await ReadAsync(rollups, barberId, days.Value, cancellationToken);
        return TypedResults.Ok(Compute(barberId, days.Value, window));
    }

    /// <summary>The rollups of the barber's last <paramref name="days"/> local days, today included.</summary>
    public static async Task<RollupWindow> ReadAsync(RollupReader rollups, int barberId, int days, CancellationToken cancellationToken)
    {
        var today = (await rollups.CalendarAsync(barberId, cancellationToken)).Today;
        return await rollups.ReadAsync(barberId, today.AddDays(1 - days), today, cancellationToken);
    }

    public static RoutingStatsResponse Compute(int barberId, int days, RollupWindow window)
    {
        var all = window.Total();
        var platform = window.Total(PlatformModes);
        var external = window.Total(ExternalModes);

        RoutingBucket Bucket(string mode)
        {
            var totals = window.Total([mode]);
            return new RoutingBucket(totals.Payments, Percent(totals.Payments, all.Payments), totals.Volume.ToMajor());
        }

        // Succeeded payments in the window's currency: what the mean fee divides by (Total counts other currencies too).
        var succeededInCurrency = window.Days.Where(d => d.Totals.Currency == window.Currency).Sum(d => d.Totals.Successes);
        return new RoutingStatsResponse(
            barberId,
            days,
            all.Payments,
            new RoutingBreakdown(Bucket(AnalyticsModes.Centralized), Bucket(AnalyticsModes.External), Bucket(AnalyticsModes.Fallback)),
            new RoutingSuccessRates(SuccessRate(platform), SuccessRate(external), SuccessRate(all)),
            new AverageProcessingTimes(AverageTime(platform), AverageTime(external)),
            new RoutingFeeComparison(external.FeesSaved.ToMajor(), Mean(all.ProcessingFees, succeededInCurrency).ToMajor(), all.CommissionDeducted.ToMajor()),
            new RoutingRefunds(all.RefundedPayments, all.Refunds.ToMajor(), all.DisputedPayments));
    }

    /// <summary>A share in percent with exactly one decimal (40.0), half away from zero; 0.0 when there is nothing to share.</summary>
    private static decimal Percent(int part, int whole) =>
        (whole == 0 ? 0m : RoutingNames.Percent(part / (decimal)whole)) + 0.0m;

    private static decimal? SuccessRate(ModeTotals totals) =>
        totals.Payments == 0 ? null : Percent(totals.Successes, totals.Payments);

    /// <summary>Mean duration in seconds with one decimal, invariant culture ("1.2s"); null when none has a duration.</summary>
    private static string? AverageTime(ModeTotals totals) =>
        totals.DurationCount == 0 ? null : RoutingNames.Seconds(totals.DurationMsTotal / (decimal)totals.DurationCount);

    /// <summary>The mean in minor units, rounded half away from zero; zero when there are none.</summary>
    private static Money Mean(Money sum, int count) =>
        count == 0 ? Money.Zero(sum.Currency) : new Money((long)Math.Round(sum.Minor / (decimal)count, 0, MidpointRounding.AwayFromZero), sum.Currency);
}
