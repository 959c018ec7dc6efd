using BookedBarber.Payments.Analytics.Rollups;
using BookedBarber.Payments.Analytics.SixFigure;
using BookedBarber.Payments.Routing;
using BookedBarber.Payments.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace BookedBarber.Payments.Analytics.Unified;

/// <summary>
/// <c>GET /unified-payment-analytics/analytics</c>: a barber's payments of the period across both routes, from their
/// daily rollups (<see cref="RollupReader"/>). One read covers the period and the previous equal period (for trends).
/// </summary>
public static class UnifiedAnalyticsEndpoint
{
    public static async Task<Ok<UnifiedAnalyticsResponse>> Get(
        [FromQuery] int? barberId, [FromQuery] string? period, [FromQuery] bool? includeProjections, [FromQuery] bool? includeSixFigureInsights,
        [FromQuery] int? shopId,
        Caller caller, TenantAccess tenants, RollupReader rollups, PaymentConfigStore configs, SixFigureSettingsStore sixFigure,
        ShopTotalsReader shops, CancellationToken cancellationToken)
    {
        period ??= AnalyticsPeriods.Default;
        var days = AnalyticsPeriods.Parse(period);
        var subject = await tenants.SubjectAsync(caller, barberId, cancellationToken);
        var calendar = await rollups.CalendarAsync(subject, cancellationToken);
        var to = calendar.Today;

        DateOnly from;
        DateOnly? previousFrom;
        RollupWindow window;
        if (days is { } n)
        {
            from = to.AddDays(1 - n);
            previousFrom = from.AddDays(-n);
            window = await rollups.ReadAsync(subject, previousFrom.Value, to, cancellationToken);
        }
        else
        {
            // all_time starts on the first day with a payment; there is no earlier period to compare with.
            window = await rollups.ReadAsync(subject, to.AddYears(-AnalyticsPeriods.AllTimeYears), to, cancellationToken);
            from = window.Days.Count > 0 ? window.Days.Min(d => d.Day) : to;
            previousFrom = null;
        }

        var config = await configs.GetAsync(subject, cancellationToken);
        decimal? target = includeSixFigureInsights ?? true ? (await sixFigure.GetAsync(subject, cancellationToken)).AnnualTarget : null;
        var response = UnifiedAnalyticsCalculator.Compute(new UnifiedAnalyticsInput(
            period, calendar, window, from, to, previousFrom, config.CommissionCollectionFrequency, RoutingNames.Mode(config.PaymentMode),
            target, includeProjections ?? false));
        if (shopId is { } shop) response = response with { ShopTotals = await shops.ReadAsync(caller, shop, days, cancellationToken) };
        return TypedResults.Ok(response);
    }
}
