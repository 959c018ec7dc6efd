using System.Globalization;
using BookedBarber.Payments.Amounts;
using BookedBarber.Payments.Analytics.SixFigure;
using BookedBarber.Payments.Connections;
using BookedBarber.Payments.Routing;

namespace BookedBarber.Payments.Analytics.Optimization;

/// <summary>
/// The recommendation rules (the README lists them): each fires on a computed figure, names it (<c>metric</c>,
/// <c>metric_value</c>) and prices what acting on it is worth a month. None fires without data.
/// </summary>
public static class OptimizationRules
{
    public const string FeeOptimization = "fee_optimization";
    public const string SuccessRate = "success_rate";
    public const string RefundReduction = "refund_reduction";

    /// <summary>A gain below one currency unit a month is not worth a recommendation.</summary>
    public const decimal MinMonthlyGain = 1.00m;

    /// <summary>Success rates are compared only when each side settled at least this many payments.</summary>
    public const int MinSettledPerSide = 10;

    /// <summary>The smallest success-rate gap, in percentage points, worth acting on.</summary>
    public const decimal MinSuccessGapPoints = 2.0m;

    /// <summary>The refund share of volume above which refunds are worth reducing (and the level the gain is priced to).</summary>
    public const decimal RefundShareThreshold = 0.05m;

    public static IReadOnlyList<OptimizationRecommendation> Recommend(OptimizationFacts f)
    {
        var list = new List<OptimizationRecommendation>();
        if (Fees(f) is { } fees) list.Add(fees);
        if (Success(f) is { } success) list.Add(success);
        if (Refunds(f) is { } refunds) list.Add(refunds);
        return list;
    }

    private static Money Monthly(OptimizationFacts f, decimal major) =>
        Money.Round(major / f.Days * SixFigurePace.DaysPerMonth, f.Currency);

    private static bool WorthIt(Money monthly) => monthly.ToMajor() >= MinMonthlyGain;

    private static string Text(Money m) => $"{m.ToMajor().ToString(CultureInfo.InvariantCulture)} {m.Currency.Code}";

    /// <summary>A fraction as text in percent with one decimal (0.8 → "80.0").</summary>
    private static string Pct(decimal fraction) => RoutingNames.Percent(fraction).ToString("0.0", CultureInfo.InvariantCulture);

    private static string Name(string processor) => processor switch
    {
        BarberProcessors.PlatformProcessor => "the platform's Stripe",
        ProcessorTypes.Square => "Square",
        ProcessorTypes.Stripe => "your own Stripe account",
        _ => processor,
    };

    /// <summary>Another mode nets more: its fees are lower by the difference.</summary>
    private static OptimizationRecommendation? Fees(OptimizationFacts f)
    {
        if (f.Best == f.Current || f.Best.Net is not { } bestNet || f.Current.Net is not { } currentNet) return null;
        var gain = bestNet - currentNet;
        if (!WorthIt(gain)) return null;
        var difference = f.Current.Fees!.Value - f.Best.Fees!.Value;
        var through = Name(f.Best.PricedWith!);
        var connect = f.ConnectionRequired is { } c ? $" once you connect {Name(c)}" : "";
        return new OptimizationRecommendation(FeeOptimization,
            $"Take every payment through {through}{connect}: processing fees would be {Text(difference)} a month lower " +
            $"({Text(f.Best.Fees!.Value)} against {Text(f.Current.Fees!.Value)} now).",
            gain.ToMajor(), null, f.ConnectionRequired is null ? "easy" : "medium", "monthly_fees_difference", difference.ToMajor());
    }

    /// <summary>One side's payments succeed less often: routing those through the other would recover the lost volume.</summary>
    private static OptimizationRecommendation? Success(OptimizationFacts f)
    {
        var p = f.Platform.Totals;
        var e = f.External.Totals;
        if (p.Payments < MinSettledPerSide || e.Payments < MinSettledPerSide || f.All.Successes == 0) return null;
        var platformRate = f.Platform.SuccessRate!.Value;
        var externalRate = f.External.SuccessRate!.Value;
        var gapPoints = RoutingNames.Percent(Math.Abs(platformRate - externalRate)) + 0.0m; // + 0.0m: always one decimal in JSON
        if (gapPoints < MinSuccessGapPoints) return null;
        var (worse, worseRate, better, betterRate, settled) = platformRate < externalRate
            ? ("platform", platformRate, "your own processor", externalRate, p.Payments)
            : ("your own processor", externalRate, "the platform", platformRate, e.Payments);
        var averagePayment = f.All.Volume.ToMajor() / f.All.Successes;
        var recovered = Monthly(f, settled * (betterRate - worseRate) * averagePayment);
        if (!WorthIt(recovered)) return null;
        return new OptimizationRecommendation(SuccessRate,
            $"Payments through {worse} succeed {Pct(worseRate)}% of the time against {Pct(betterRate)}% through {better}: " +
            $"routing them through {better} would recover about {Text(recovered)} a month.",
            null, recovered.ToMajor(), "medium", "success_rate_gap", gapPoints);
    }

    /// <summary>Refunds take more than the threshold share of volume: bringing them down to it keeps the difference.</summary>
    private static OptimizationRecommendation? Refunds(OptimizationFacts f)
    {
        if (!f.All.Volume.IsPositive) return null;
        var share = f.All.Refunds.Minor / (decimal)f.All.Volume.Minor;
        if (share < RefundShareThreshold) return null;
        var kept = Monthly(f, (f.All.Refunds - f.All.Volume.Times(RefundShareThreshold)).ToMajor());
        if (!WorthIt(kept)) return null;
        var monthlyRefunds = Monthly(f, f.All.Refunds.ToMajor());
        return new OptimizationRecommendation(RefundReduction,
            $"Refunds took {Pct(share)}% of volume ({Text(monthlyRefunds)} a month): bringing them down to " +
            $"{Pct(RefundShareThreshold)}% would keep {Text(kept)} a month.",
            null, kept.ToMajor(), "medium", "refund_share", RoutingNames.Percent(share) + 0.0m);
    }
}
