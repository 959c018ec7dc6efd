using System.Globalization;
using BookedBarber.Payments.Amounts;
using BookedBarber.Payments.Analytics.Rollups;
using BookedBarber.Payments.Analytics.SixFigure;
using BookedBarber.Payments.Routing;
using static BookedBarber.Payments.Analytics.Unified.AnalyticsFigures;

namespace BookedBarber.Payments.Analytics.Unified;

/// <summary>
/// The unified analytics of one barber and period, computed only from their daily rollups (definitions in the README's
/// "Analytics / Dashboard and unified analytics" section). Pure: the endpoint reads, this computes.
/// </summary>
public static class UnifiedAnalyticsCalculator
{
    /// <summary>Efficiencies closer than this (percentage points) make both routes equally good: "hybrid".</summary>
    public const decimal HybridBand = 2.0m;

    /// <summary>An external success rate this many points under the platform's is worth watching.</summary>
    public const decimal SuccessGapWorthWatching = 2.0m;

    /// <summary>Commission collected under this share of what was owed (percent) calls for more frequent collection.</summary>
    public const decimal CollectionRateFloor = 90.0m;

    /// <summary>A volume drop of at least this percent against the previous period is reported.</summary>
    public const decimal VolumeDropWorthReporting = -10.0m;

    /// <summary>Returning clients making fewer than this share of client visits (percent) call for retention work.</summary>
    public const decimal RetentionFloor = 50.0m;

    public const string ProjectionMethod = "linear_trend_of_daily_net";

    public static UnifiedAnalyticsResponse Compute(UnifiedAnalyticsInput input)
    {
        var (w, from, to) = (input.Window, input.From, input.To);
        var all = w.Total(null, from, to);
        var platform = w.Total(PlatformModes, from, to);
        var external = w.Total(ExternalModes, from, to);
        ModeTotals? previous = input.PreviousFrom is { } pf ? w.Total(null, pf, from.AddDays(-1)) : null;

        var centralized = new CentralizedPaymentsMetrics(platform.Payments, platform.Volume.ToMajor(), platform.NetEarnings.ToMajor(),
            SuccessRate(platform), Average(platform), platform.ProcessingFees.ToMajor(), platform.CommissionDeducted.ToMajor());
        var decentralized = new DecentralizedPaymentsMetrics(external.Payments, external.Volume.ToMajor(), SuccessRate(external),
            Average(external), external.ProcessingFees.ToMajor(), external.CommissionCollected.ToMajor());

        var owed = all.CommissionOwed;
        var collected = all.CommissionCollected;
        var pending = owed - collected is { IsPositive: true } rest ? rest : Money.Zero(w.Currency);
        var commission = new CommissionMetrics(owed.ToMajor(), collected.ToMajor(), pending.ToMajor(),
            Percent(collected.ToMajor(), owed.ToMajor()), input.CollectionFrequency);

        var combined = new CombinedMetrics(all.Payments, all.Volume.ToMajor(), all.NetEarnings.ToMajor(), Commission(all).ToMajor(),
            SuccessRate(all), TakeRate(all));

        // Always the documented block: each change is null when there is nothing earlier to compare with.
        var trend = previous is { Payments: > 0 } p
            ? new TrendAnalysis(
                Change(all.Volume.ToMajor(), p.Volume.ToMajor()),
                Change(all.Payments, p.Payments),
                Change(all.NetEarnings.ToMajor(), p.NetEarnings.ToMajor()),
                SuccessRate(all) is { } now && SuccessRate(p) is { } before ? OneDecimal(now - before) : null)
            : new TrendAnalysis(null, null, null, null);

        var platformEfficiency = Percent(platform.NetEarnings.ToMajor(), platform.Volume.ToMajor());
        var externalEfficiency = Percent(external.NetEarnings.ToMajor(), external.Volume.ToMajor());
        var modes = new ModeComparison(platformEfficiency, externalEfficiency, OptimalMode(platformEfficiency, externalEfficiency),
            new VolumeDistribution(Percent(platform.Volume.ToMajor(), all.Volume.ToMajor()), Percent(external.Volume.ToMajor(), all.Volume.ToMajor())));

        var days = to.DayNumber - from.DayNumber + 1;
        var insights = input.AnnualTarget is { } target ? SixFigure(w, all, from, to, days, target) : null;
        var projections = input.IncludeProjections ? Project(w, from, to) : null;

        return new UnifiedAnalyticsResponse(
            input.Period,
            input.Calendar.RangeOf(from, to),
            centralized, decentralized, commission, combined, trend, modes, insights,
            Recommendations(centralized, decentralized, commission, owed, pending, trend, modes, input),
            projections);
    }

    /// <summary>
    /// The route that keeps more of each dollar: the one with volume when only one has any; "hybrid" when both have
    /// volume and their efficiencies are within <see cref="HybridBand"/> points; else the more efficient; null without volume.
    /// </summary>
    public static string? OptimalMode(decimal? centralized, decimal? decentralized) => (centralized, decentralized) switch
    {
        (null, null) => null,
        (_, null) => RoutingNames.Mode(PaymentMode.Centralized),
        (null, _) => RoutingNames.Mode(PaymentMode.Decentralized),
        ({ } c, { } d) when Math.Abs(c - d) < HybridBand => RoutingNames.Mode(PaymentMode.Hybrid),
        ({ } c, { } d) => RoutingNames.Mode(c > d ? PaymentMode.Centralized : PaymentMode.Decentralized),
    };

    private static SixFigureProgress SixFigure(RollupWindow w, ModeTotals all, DateOnly from, DateOnly to, int days, decimal target)
    {
        var monthly = SixFigurePace.MonthlyRevenue(all.NetEarnings.ToMajor(), days);
        var annual = SixFigurePace.AnnualPace(monthly);
        var targetMonthly = SixFigurePace.MonthlyTarget(target);
        var progress = OneDecimal(SixFigurePace.Progress(annual, target));
        var gap = Math.Max(0m, target - annual);
        var advice = new List<string>();
        var code = w.Currency.Code;
        var monthlyGap = targetMonthly - monthly;
        if (monthlyGap > 0 && all.Successes > 0)
        {
            var paymentsPerMonth = all.Successes / (decimal)days * SixFigurePace.DaysPerMonth;
            var netPerPayment = monthly / paymentsPerMonth;
            var raise = Money.Round(monthlyGap / paymentsPerMonth, w.Currency).ToMajor();
            advice.Add(Text($"Raise net earnings per payment by {raise:0.00} {code} (now {Money.Round(netPerPayment, w.Currency).ToMajor():0.00} {code} over {all.Successes} payments) to reach the monthly target of {targetMonthly:0.00} {code}"));
            if (netPerPayment > 0)
                advice.Add(Text($"Take {Math.Ceiling(monthlyGap / netPerPayment):0} more payments a month at the current {Money.Round(netPerPayment, w.Currency).ToMajor():0.00} {code} net per payment to close the monthly gap of {monthlyGap:0.00} {code}"));
        }
        var visits = w.Days.Where(d => d.Day >= from && d.Day <= to).Sum(d => d.DistinctClients);
        var returning = w.Days.Where(d => d.Day >= from && d.Day <= to).Sum(d => d.ReturningClients);
        if (Percent(returning, visits) is { } retention && retention < RetentionFloor)
            advice.Add(Text($"Focus on client retention: returning clients made {retention:0.0}% of the period's {visits} client visits"));
        if (progress >= 100m)
            advice.Add(Text($"Your annual pace of {annual:0.00} {code} is {progress:0.0}% of your target of {target:0.00} {code}: consider raising the target"));
        return new SixFigureProgress(target, targetMonthly, monthly, progress, annual, gap, advice);
    }

    private static List<string> Recommendations(CentralizedPaymentsMetrics centralized, DecentralizedPaymentsMetrics decentralized,
        CommissionMetrics commission, Money owed, Money pending, TrendAnalysis? trend, ModeComparison modes, UnifiedAnalyticsInput input)
    {
        var rules = new List<string>();
        var code = owed.Currency.Code;
        if (decentralized.SuccessRate is { } ext && centralized.SuccessRate is { } plat && ext < plat - SuccessGapWorthWatching)
            rules.Add(Text($"Monitor your external processor: its success rate is {ext:0.0}% against {plat:0.0}% on the platform"));
        if (commission.SuccessRate is { } rate && rate < CollectionRateFloor)
            rules.Add(Text($"Only {rate:0.0}% of the commission owed ({owed.ToMajor():0.00} {code}) was collected, {pending.ToMajor():0.00} {code} is pending")
                + (input.CollectionFrequency == "daily" ? "" : Text($": consider collecting more often than {input.CollectionFrequency}")));
        if (modes.OptimalMode is { } optimal && optimal != input.ConfiguredMode && modes.CentralizedEfficiency is { } c && modes.DecentralizedEfficiency is { } d)
            rules.Add(Text($"Consider {optimal} mode: you keep {c:0.0}% of volume on the platform and {d:0.0}% on your own processor, and you are set to {input.ConfiguredMode}"));
        if (trend?.TotalVolumeTrend is { } change && change <= VolumeDropWorthReporting)
            rules.Add(Text($"Volume fell {-change:0.0}% against the previous period"));
        return rules;
    }

    private static AnalyticsProjections Project(RollupWindow w, DateOnly from, DateOnly to)
    {
        var net = new Dictionary<DateOnly, long>();
        foreach (var day in w.Days.Where(d => d.Day >= from && d.Day <= to && d.Totals.Currency == w.Currency))
            net[day.Day] = net.GetValueOrDefault(day.Day) + day.Totals.NetEarnings.Minor;
        var days = to.DayNumber - from.DayNumber + 1;
        var values = Enumerable.Range(0, days).Select(i => new Money(net.GetValueOrDefault(from.AddDays(i)), w.Currency).ToMajor()).ToList();
        var line = LinearTrend.Fit(values);
        decimal Ahead(int n) => Enumerable.Range(days, n).Sum(x => Math.Max(0m, line.At(x)));
        var next30 = Money.Round(Ahead(30), w.Currency).ToMajor();
        return new AnalyticsProjections(ProjectionMethod, days, Money.Round(line.Slope, w.Currency).ToMajor(), next30,
            Money.Round(Ahead(90), w.Currency).ToMajor(), SixFigurePace.AnnualPace(SixFigurePace.MonthlyRevenue(next30, 30)));
    }

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
