using System.Globalization;
using BookedBarber.Payments.Amounts;

namespace BookedBarber.Payments.Analytics.SixFigure;

/// <summary>
/// Growth recommendations: each rule fires on one key metric against a documented threshold, names that metric and its
/// value in the text, and prices its impact per month from the last 90 days' figures (× 30.4375 ÷ 90). Rules whose
/// impact rounds to less than one unit are dropped; the rest are listed largest impact first.
/// </summary>
public static class SixFigureGrowthRules
{
    /// <summary>Pricing power below this (100 = the peers' median average payment) fires the pricing rule.</summary>
    public const decimal PricingPowerBelow = 100m;

    /// <summary>A service mix below this share of booked value from higher-priced services fires the services rule.</summary>
    public const decimal ServiceMixBelow = 50m;

    /// <summary>The share of lower-priced bookings the services rule proposes to move up.</summary>
    public const decimal ServiceShift = 0.20m;

    /// <summary>Client retention below this fires the retention rule, whose impact is reaching it.</summary>
    public const decimal RetentionBelow = 70m;

    /// <summary>A success rate below this (percent) fires the efficiency rule, whose impact is the failed payments recovered.</summary>
    public const decimal SuccessRateBelow = 95m;

    private static readonly decimal PerMonth = SixFigurePace.DaysPerMonth / SixFigureTrend.PeriodDays;

    public static IReadOnlyList<GrowthRecommendation> Recommend(SixFigureFigures f, SixFigureRevenueTracking tracking, Currency currency)
    {
        var found = new List<(decimal Impact, GrowthRecommendation Rule)>();
        void Add(decimal impact, string category, string text, string difficulty, string timeframe)
        {
            var rounded = decimal.Round(impact, 0, MidpointRounding.AwayFromZero);
            if (rounded >= 1m) found.Add((rounded, new GrowthRecommendation(category, text, Impact(rounded, currency), difficulty, timeframe)));
        }

        if (f is { PricingPowerIndex: { } ppi, AverageTransaction: { } average, PeerMedianTransaction: { } median } && ppi < PricingPowerBelow)
            Add((median - average) * f.Current.Successes * PerMonth, "pricing",
                $"Raise prices toward the peer median: pricing power index {N(ppi)} (your average payment {Money(average, currency)} against the peers' median {Money(median, currency)})",
                "medium", "2-4 weeks");

        if (f.ServiceMix is { Percent: { } mix, HigherAverage: { } high, LowerAverage: { } low } s && mix < ServiceMixBelow && high > low)
            Add(ServiceShift * s.LowerCount * (high - low) * PerMonth, "services",
                $"Move a fifth of bookings to your higher-priced services: service mix optimization {N(mix)}% of booked value (average {Money(high, currency)} against {Money(low, currency)})",
                "easy", "1-2 weeks");

        if (f is { ClientRetentionRate: { } retention, AverageClientValue: { } clientValue } && retention < RetentionBelow)
        {
            var more = Math.Ceiling(RetentionBelow / 100m * f.PreviousClients) - f.ReturnedClients;
            Add(more * clientValue * PerMonth, "retention",
                $"Bring back last period's clients: client retention rate {N(retention)}% ({f.ReturnedClients} of {f.PreviousClients}); {more} more returning would reach {N(RetentionBelow)}%",
                "hard", "6-8 weeks");
        }

        if (f is { OperationalEfficiency: { } efficiency, SuccessRate: { } rate, AverageTransaction: { } avg } && rate * 100m < SuccessRateBelow)
            Add((f.Current.Payments - f.Current.Successes) * avg * PerMonth, "operations",
                $"Recover declined and failed payments: operational efficiency {N(efficiency)}% with a success rate of {N(Routing.RoutingNames.Percent(rate))}%",
                "easy", "1 week");

        if (f.AverageClientValue is { } acv && acv > 0 && tracking.CurrentMonthlyAverage < tracking.MonthlyTarget)
        {
            var gap = tracking.MonthlyTarget - tracking.CurrentMonthlyAverage;
            var clients = Math.Ceiling(gap / (acv * PerMonth));
            Add(gap, "clients",
                $"Grow the client base: at an average client value of {Money(acv, currency)} per 90 days, {clients} more regular clients close the gap to the {Money(tracking.MonthlyTarget, currency)} monthly target",
                "medium", "4-8 weeks");
        }

        return [.. found.OrderByDescending(r => r.Impact).Select(r => r.Rule)];
    }

    /// <summary>"$285/month" in dollars; "285 EUR/month" in another currency.</summary>
    public static string Impact(decimal amount, Currency currency) => Money(amount, currency, whole: true) + "/month";

    private static string Money(decimal amount, Currency currency, bool whole = false)
    {
        var text = decimal.Round(amount, whole ? 0 : 2, MidpointRounding.AwayFromZero).ToString(whole ? "0" : "0.00", CultureInfo.InvariantCulture);
        return currency == Amounts.Currency.Usd ? "$" + text : text + " " + currency.Code;
    }

    private static string N(decimal value) => value.ToString("0.0", CultureInfo.InvariantCulture);
}
