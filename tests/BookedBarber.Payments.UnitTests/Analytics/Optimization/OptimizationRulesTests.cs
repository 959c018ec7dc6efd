using BookedBarber.Payments.Analytics.Optimization;
using BookedBarber.Payments.Analytics.Rollups;
using BookedBarber.Payments.Connections;
using BookedBarber.Payments.Routing;
using static BookedBarber.Payments.UnitTests.Analytics.Optimization.RevenueOptimizerTests;

namespace BookedBarber.Payments.UnitTests.Analytics.Optimization;

public sealed class OptimizationRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 15, 0, 0, TimeSpan.Zero);
    private static readonly BarberCalendar Calendar = new(1, TimeZoneInfo.Utc, Now);

    private static IReadOnlyList<Payments.Analytics.OptimizationRecommendation> Recommend(params DailyRollup[] days)
    {
        var barber = new BarberProcessors(new BarberPaymentConfig(1, PaymentMode.Hybrid), new PlatformAccount(1, "acct_1", true, DateTimeOffset.UnixEpoch), [Square()]);
        var asked = AnalysisPeriod.Of("30_days", Calendar);
        var window = new RollupWindow(1, TimeZoneInfo.Utc, asked.From, asked.To, days);
        return RevenueOptimizer.Analyze(asked, window, barber, Calendar).Recommendations;
    }

    [Fact]
    public void ASuccessRateGap_RecommendsTheBetterSide_PricedAsTheVolumeItWouldRecover()
    {
        // Platform: 20 settled, all succeeded. Square: 20 settled, 16 succeeded (80%): a 20-point gap. Fees equal per side
        // to their schedule, so the fee rule stays quiet.
        var recs = Recommend(
            Day(Calendar.Today, AnalyticsModes.Centralized, 20, 20, 1500, 49.60m),
            Day(Calendar.Today, AnalyticsModes.External, 20, 16, 1200, 36.40m));

        var gap = Assert.Single(recs, r => r.Type == OptimizationRules.SuccessRate);
        // Average succeeded payment 2,700 / 36 = 75.00; 20 × 0.20 × 75.00 = 300.00 a period → × 30.4375 / 30 = 304.38.
        Assert.Equal((304.38m, (decimal?)null, "success_rate_gap", 20.0m), (gap.PotentialIncrease, gap.PotentialSavings, gap.Metric, gap.MetricValue));
        Assert.Contains("through your own processor succeed 80.0% of the time against 100.0% through the platform", gap.Recommendation);
    }

    [Fact]
    public void ASmallGapOrFewPayments_DoNotFire()
    {
        Assert.DoesNotContain(Recommend(
            Day(Calendar.Today, AnalyticsModes.Centralized, 9, 9, 675, 22.32m),
            Day(Calendar.Today, AnalyticsModes.External, 20, 10, 750, 22.80m)), r => r.Type == OptimizationRules.SuccessRate);
        Assert.DoesNotContain(Recommend(
            Day(Calendar.Today, AnalyticsModes.Centralized, 100, 99, 7425, 245.52m),
            Day(Calendar.Today, AnalyticsModes.External, 100, 98, 7350, 223.44m)), r => r.Type == OptimizationRules.SuccessRate);
    }

    [Fact]
    public void RefundsAboveFivePercentOfVolume_RecommendReducingThem_PricedDownToFivePercent()
    {
        var recs = Recommend(Day(Calendar.Today, AnalyticsModes.Centralized, 10, 10, 1000, 32.00m, refunds: 120));

        var refund = Assert.Single(recs, r => r.Type == OptimizationRules.RefundReduction);
        // 120.00 − 5% of 1,000.00 = 70.00 a period → 71.02 a month; refunds 121.75 a month.
        Assert.Equal((OptimizationRules.RefundReduction, 71.02m, "refund_share", 12.0m), (refund.Type, refund.PotentialIncrease, refund.Metric, refund.MetricValue));
        Assert.Contains("Refunds took 12.0% of volume (121.75 USD a month)", refund.Recommendation);
        Assert.DoesNotContain(Recommend(Day(Calendar.Today, AnalyticsModes.Centralized, 10, 10, 1000, 32.00m, refunds: 40)),
            r => r.Type == OptimizationRules.RefundReduction);
    }
}
