using BookedBarber.Payments.Amounts;
using BookedBarber.Payments.Analytics.Rollups;
using BookedBarber.Payments.Analytics.SixFigure;
using BookedBarber.Payments.Connections;
using BookedBarber.Payments.Routing;

namespace BookedBarber.Payments.Analytics.Optimization;

/// <summary>
/// The revenue-optimization figures from a barber's rollups over the analysis period (definitions in the README's
/// "Revenue optimization"): each scenario keeps the real fees of payments already taken its way and prices the other
/// side's payments with the fee table of the processor it would move them to; commission is the barber's configured rate
/// on the service part of what was kept, the same in every mode. Monthly = period figure ÷ days × 30.4375.
/// </summary>
public static class RevenueOptimizer
{
    private static readonly string Centralized = RoutingNames.Mode(PaymentMode.Centralized);
    private static readonly string Decentralized = RoutingNames.Mode(PaymentMode.Decentralized);

    public static RevenueOptimizationResponse Analyze(AnalysisPeriod period, RollupWindow window, BarberProcessors processors, BarberCalendar calendar)
    {
        var currency = window.Currency;
        var config = processors.Config;
        var platform = ModeFigures.Of(window, AnalyticsModes.OnPlatform);
        var external = ModeFigures.Of(window, m => m == AnalyticsModes.External);
        var all = platform.Totals.Plus(external.Totals);
        Money Monthly(Money m) => Money.Round(m.ToMajor() / period.Days * SixFigurePace.DaysPerMonth, currency);

        var revenue = all.Volume - all.Refunds;
        var commissionable = all.Volume - all.Tips - all.Refunds;
        var commission = commissionable.IsPositive ? commissionable.Times(config.CommissionRate) : Money.Zero(currency);

        PricedScenario Build(string mode, Money? fees, string? pricedWith, string? connect)
        {
            var revenueM = Monthly(revenue);
            var commissionM = Monthly(commission);
            var feesM = fees is { } f ? Monthly(f) : (Money?)null;
            return new PricedScenario(mode, revenueM, feesM, feesM is { } x ? revenueM - x - commissionM : null, commissionM, pricedWith, connect);
        }

        // All centralized: the platform's Stripe for the outside payments; a barber without a usable Connect account must connect one.
        var platformFees = FeeSchedule.PlatformStripe(currency);
        var needsPlatform = processors.PlatformAccount is not { ChargesEnabled: true };
        var allCentralized = Build(Centralized,
            platformFees is null ? null : platform.Totals.ProcessingFees + external.PricedWith(platformFees),
            BarberProcessors.PlatformProcessor, needsPlatform ? BarberProcessors.PlatformProcessor : null);

        // All external: the cheapest of the barber's usable processors in this currency, else the cheapest we support to connect.
        var (processor, schedule, connected) = ExternalSchedule(processors, currency, platform);
        var allExternal = Build(Decentralized, external.Totals.ProcessingFees + platform.PricedWith(schedule), processor, connected ? null : processor);

        var currentMode = RoutingNames.Mode(config.PaymentMode);
        var current = Build(currentMode, all.ProcessingFees, null, null);

        // The best net wins; on a tie the barber stays as they are, then centralized (nothing to collect afterwards).
        var best = new[] { current, allCentralized, allExternal }
            .Where(s => s.Net is not null)
            .OrderByDescending(s => s.Net!.Value.Minor).First();
        var increase = best.Net!.Value - current.Net!.Value;
        if (!increase.IsPositive) { best = current; increase = Money.Zero(currency); }
        var optimalMode = best == current ? currentMode : best.Mode;
        var investment = Money.Zero(currency); // Square, Stripe and Stripe Connect charge no setup or monthly fee: see README.
        var connection = best == current ? null : best.Connect;

        var payments = window.Total().Payments;
        var daysWithData = window.Days.Where(d => d.Totals.Payments > 0).Select(d => d.Day).Distinct().Count();

        return new RevenueOptimizationResponse(
            currentMode,
            optimalMode,
            increase.ToMajor(),
            new SwitchingRoi(investment.ToMajor(), increase.ToMajor(), new Money(increase.Minor * 12, currency).ToMajor(),
                Payback(investment, increase), connection),
            OptimizationRules.Recommend(new OptimizationFacts(currency, period.Days, platform, external, all, current, best, connection)),
            period.Name,
            OptimizationConfidence.Score(payments, daysWithData),
            new ScenarioAnalysis(allCentralized.View(), allExternal.View(), current.View()),
            currency.Code,
            calendar.RangeOf(period.From, period.To),
            payments,
            daysWithData);
    }

    /// <summary>"immediate" when nothing must be spent, "N months" to earn the investment back, "not_applicable" when nothing is saved.</summary>
    public static string Payback(Money investment, Money monthlySavings)
    {
        if (!monthlySavings.IsPositive) return "not_applicable";
        if (!investment.IsPositive) return "immediate";
        var months = (long)Math.Ceiling(investment.Minor / (decimal)monthlySavings.Minor);
        return months == 1 ? "1 month" : $"{months} months";
    }

    /// <summary>
    /// The fee table the platform's payments would be priced with if taken through the barber's own processor: the
    /// cheapest (for those payments) of the usable connections in this currency; with none, the cheapest standard online
    /// price of the processors we support, and the barber would have to connect it.
    /// </summary>
    public static (string Processor, FeeSchedule Fees, bool Connected) ExternalSchedule(BarberProcessors processors, Currency currency, ModeFigures moved)
    {
        var usable = processors.ExternalOptions(currency.Code).Where(o => o.Available).ToList();
        if (usable.Count > 0)
        {
            var pick = usable.OrderBy(o => moved.PricedWith(o.Fees).Minor).ThenBy(o => o.Processor, StringComparer.Ordinal).First();
            return (pick.Processor, pick.Fees, true);
        }
        var standard = new[]
        {
            (Processor: ProcessorTypes.Square, Fees: ProcessingFees.Square(currency).Online),
            (Processor: ProcessorTypes.Stripe, Fees: ProcessingFees.Stripe(currency).Online),
        };
        var cheapest = standard.OrderBy(s => moved.PricedWith(s.Fees).Minor).ThenBy(s => s.Processor, StringComparer.Ordinal).First();
        return (cheapest.Processor, cheapest.Fees, false);
    }
}
