using BookedBarber.Payments.Amounts;
using BookedBarber.Payments.Analytics.Rollups;
using BookedBarber.Payments.Routing;

namespace BookedBarber.Payments.Analytics.Unified;

/// <summary>The shared arithmetic of analytics figures: percentages, averages and the commission a period's payments bear.</summary>
public static class AnalyticsFigures
{
    public static readonly IReadOnlyList<string> PlatformModes = [AnalyticsModes.Centralized, AnalyticsModes.Fallback];
    public static readonly IReadOnlyList<string> ExternalModes = [AnalyticsModes.External];

    /// <summary>part ÷ whole in percent, one decimal half away from zero; null when the whole is zero (nothing to measure).</summary>
    public static decimal? Percent(decimal part, decimal whole) => whole == 0 ? null : OneDecimal(RoutingNames.Percent(part / whole));

    /// <summary>A percent value shown with its one decimal even when whole (100 → 100.0).</summary>
    public static decimal OneDecimal(decimal percent) => decimal.Round(percent, 1, MidpointRounding.AwayFromZero) + 0.0m;

    /// <summary>Succeeded ÷ settled payments in percent; null without payments.</summary>
    public static decimal? SuccessRate(ModeTotals t) => Percent(t.Successes, t.Payments);

    /// <summary>The mean amount of the succeeded payments (volume ÷ successes) to the minor unit; null without one.</summary>
    public static decimal? Average(ModeTotals t) =>
        t.Successes == 0 ? null : Money.Round(t.Volume.ToMajor() / t.Successes, t.Currency).ToMajor();

    /// <summary>The commission the payments bear: deducted at charge (platform) plus owed (external).</summary>
    public static Money Commission(ModeTotals t) => t.CommissionDeducted + t.CommissionOwed;

    /// <summary>(processing fees + commission) ÷ volume in percent; null without volume.</summary>
    public static decimal? TakeRate(ModeTotals t) =>
        Percent((t.ProcessingFees + Commission(t)).ToMajor(), t.Volume.ToMajor());

    /// <summary>Percent change from <paramref name="previous"/> to <paramref name="current"/>; null when the previous is zero.</summary>
    public static decimal? Change(decimal current, decimal previous) =>
        previous == 0 ? null : OneDecimal(RoutingNames.Percent((current - previous) / Math.Abs(previous)));
}
