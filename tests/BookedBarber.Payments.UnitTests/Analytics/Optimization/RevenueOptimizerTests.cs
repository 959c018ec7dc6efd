using BookedBarber.Payments.Amounts;
using BookedBarber.Payments.Analytics;
using BookedBarber.Payments.Analytics.Optimization;
using BookedBarber.Payments.Analytics.Rollups;
using BookedBarber.Payments.Connections;
using BookedBarber.Payments.Routing;

namespace BookedBarber.Payments.UnitTests.Analytics.Optimization;

/// <summary>Scenario pricing against the fee tables' numbers: 2.9% + 0.30 on the platform, 2.9% + 0.10 at Square, 20% commission.</summary>
public sealed class RevenueOptimizerTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 15, 0, 0, TimeSpan.Zero);
    private static readonly BarberCalendar Calendar = new(1, TimeZoneInfo.Utc, Now);
    private static readonly PlatformAccount Connect = new(1, "acct_1", true, DateTimeOffset.UnixEpoch);

    internal static Money Usd(decimal major) => Money.Round(major, Currency.Usd);

    /// <summary>A day of <paramref name="payments"/> settled payments, all of them 75.00 unless told otherwise.</summary>
    internal static DailyRollup Day(DateOnly day, string mode, int payments, int successes, decimal volume, decimal fees,
        decimal refunds = 0, decimal tips = 0, Currency? currency = null)
    {
        var c = currency ?? Currency.Usd;
        return new DailyRollup(day, mode, ModeTotals.Zero(c) with
        {
            Payments = payments, Successes = successes, Volume = Money.Round(volume, c), ProcessingFees = Money.Round(fees, c),
            Refunds = Money.Round(refunds, c), Tips = Money.Round(tips, c),
        }, [], 0);
    }

    internal static ProcessorConnection Square(string status = ConnectionStatus.Connected) =>
        new(7, 1, ProcessorTypes.Square, "sq-acct", null, status, "sealed", "loc", "USD", ProcessingFees.SquareStandard, DateTimeOffset.UnixEpoch);

    private static RevenueOptimizationResponse Analyze(string period, BarberProcessors barber, params DailyRollup[] days)
    {
        var asked = AnalysisPeriod.Of(period, Calendar);
        var window = new RollupWindow(1, TimeZoneInfo.Utc, asked.From, asked.To, days);
        return RevenueOptimizer.Analyze(asked.Fitted(window), window, barber, Calendar);
    }

    [Fact]
    public void AHybridBarber_IsPricedWithThePlatformsStripeAndTheirSquare_KeepingRealFeesOfPaymentsAlreadyTakenThatWay()
    {
        var barber = new BarberProcessors(new BarberPaymentConfig(1, PaymentMode.Hybrid), Connect, [Square()]);
        var today = Calendar.Today;
        // 100 platform payments of 75.00 (2.48 each) and 50 at Square (2.28 each) over 30 days.
        var r = Analyze("30_days", barber,
            Day(today, AnalyticsModes.Centralized, 60, 60, 4500, 148.80m),
            Day(today.AddDays(-3), AnalyticsModes.Fallback, 40, 40, 3000, 99.20m),
            Day(today.AddDays(-1), AnalyticsModes.External, 50, 50, 3750, 114.00m));

        // Monthly = period × 30.4375 / 30. Revenue 11,250.00 → 11,414.06; commission 2,250.00 → 2,282.81.
        // All centralized: 248.00 real + 3,750 × 2.9% + 50 × 0.30 = 123.75 → 371.75 → 377.17.
        // All external: 114.00 real + 7,500 × 2.9% + 100 × 0.10 = 227.50 → 341.50 → 346.48.
        // Current: 362.00 → 367.28.
        var s = r.ScenarioAnalysis;
        Assert.Equal(new RevenueScenario(11414.06m, 377.17m, 8754.08m, -2282.81m, "stripe_platform"), s.AllCentralized);
        Assert.Equal(new RevenueScenario(11414.06m, 346.48m, 8784.77m, -2282.81m, "square"), s.AllExternal);
        Assert.Equal(new RevenueScenario(11414.06m, 367.28m, 8763.97m, -2282.81m, null), s.CurrentHybrid);
        Assert.Equal(("hybrid", "decentralized", 20.80m), (r.CurrentMode, r.OptimalMode, r.PotentialMonthlyIncrease));
        Assert.Equal(new SwitchingRoi(0.00m, 20.80m, 249.60m, "immediate", null), r.SwitchingRoi);
        Assert.Equal(("30_days", "USD", 150, 3), (r.AnalysisPeriod, r.Currency, r.PaymentsAnalyzed, r.DaysWithData));
        Assert.Equal(new AnalyticsDateRange(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 30, 23, 59, 59, TimeSpan.Zero)), r.DateRange);
        var fee = Assert.Single(r.Recommendations);
        Assert.Equal((OptimizationRules.FeeOptimization, 20.80m, (decimal?)null, "easy", "monthly_fees_difference", 20.80m),
            (fee.Type, fee.PotentialSavings, fee.PotentialIncrease, fee.ImplementationDifficulty, fee.Metric, fee.MetricValue));
        Assert.Contains("Square", fee.Recommendation);
        Assert.Contains("346.48 USD against 367.28 USD", fee.Recommendation);
    }

    [Fact]
    public void ACentralizedBarberWithoutAConnection_IsPricedWithTheCheapestProcessorToConnect_AndTheRecommendationSaysConnectIt()
    {
        var barber = new BarberProcessors(new BarberPaymentConfig(1), Connect, []);
        // 100 payments of 75.00 on the platform over 90 days: Square would take 217.50 + 10.00, Stripe 217.50 + 30.00.
        var r = Analyze("90_days", barber, Day(Calendar.Today.AddDays(-10), AnalyticsModes.Centralized, 100, 100, 7500, 248.00m));

        Assert.Equal("square", r.ScenarioAnalysis.AllExternal.PricedWith);
        // 227.50 × 30.4375 / 90 = 76.94; 248.00 → 83.87.
        Assert.Equal((76.94m, 83.87m, 83.87m), (r.ScenarioAnalysis.AllExternal.MonthlyFees, r.ScenarioAnalysis.AllCentralized.MonthlyFees, r.ScenarioAnalysis.CurrentHybrid.MonthlyFees));
        Assert.Equal(("centralized", "decentralized", 6.93m), (r.CurrentMode, r.OptimalMode, r.PotentialMonthlyIncrease));
        Assert.Equal(new SwitchingRoi(0.00m, 6.93m, 83.16m, "immediate", "square"), r.SwitchingRoi);
        var fee = Assert.Single(r.Recommendations);
        Assert.Equal(("medium", 6.93m), (fee.ImplementationDifficulty, fee.PotentialSavings));
        Assert.Contains("once you connect Square", fee.Recommendation);
    }

    [Fact]
    public void ADisconnectedSquare_DoesNotCount_TheBarberMustConnectAgain()
    {
        var barber = new BarberProcessors(new BarberPaymentConfig(1), Connect, [Square(ConnectionStatus.Error)]);
        var r = Analyze("90_days", barber, Day(Calendar.Today, AnalyticsModes.Centralized, 100, 100, 7500, 248.00m));
        Assert.Equal("square", r.SwitchingRoi.ConnectionRequired);
    }

    [Fact]
    public void WhenEveryPaymentIsAlreadyTakenTheCheapestWay_TheCurrentModeIsOptimal_AndNothingIsSaved()
    {
        var barber = new BarberProcessors(new BarberPaymentConfig(1, PaymentMode.Decentralized), Connect, [Square()]);
        var r = Analyze("30_days", barber, Day(Calendar.Today, AnalyticsModes.External, 10, 10, 750, 22.80m));

        Assert.Equal(r.ScenarioAnalysis.AllExternal.NetMonthly, r.ScenarioAnalysis.CurrentHybrid.NetMonthly);
        Assert.Equal(("decentralized", "decentralized", 0.00m), (r.CurrentMode, r.OptimalMode, r.PotentialMonthlyIncrease));
        Assert.Equal(new SwitchingRoi(0.00m, 0.00m, 0.00m, "not_applicable", null), r.SwitchingRoi);
        Assert.Empty(r.Recommendations);
    }

    [Fact]
    public void ABarberWithNoData_GetsZeros_ConfidenceZero_AndNoRecommendations()
    {
        var barber = new BarberProcessors(new BarberPaymentConfig(1, PaymentMode.Hybrid), null, []);
        var r = Analyze("all_time", barber);

        var zero = new RevenueScenario(0.00m, 0.00m, 0.00m, 0.00m, null);
        Assert.Equal(zero with { PricedWith = "stripe_platform" }, r.ScenarioAnalysis.AllCentralized);
        Assert.Equal(zero with { PricedWith = "square" }, r.ScenarioAnalysis.AllExternal);
        Assert.Equal(zero, r.ScenarioAnalysis.CurrentHybrid);
        Assert.Equal(("hybrid", "hybrid", 0.00m, 0m), (r.CurrentMode, r.OptimalMode, r.PotentialMonthlyIncrease, r.ConfidenceScore));
        Assert.Equal(new SwitchingRoi(0.00m, 0.00m, 0.00m, "not_applicable", null), r.SwitchingRoi);
        Assert.Empty(r.Recommendations);
        Assert.Equal((0, 0), (r.PaymentsAnalyzed, r.DaysWithData));
    }

    [Fact]
    public void ACurrencyThePlatformDoesNotTake_LeavesAllCentralizedUnpriced()
    {
        var chf = Currency.TryParse("CHF", out var c) ? c : throw new InvalidOperationException();
        var barber = new BarberProcessors(new BarberPaymentConfig(1, PaymentMode.Decentralized), Connect, []);
        var r = Analyze("30_days", barber, Day(Calendar.Today, AnalyticsModes.External, 10, 10, 750, 22.80m, currency: chf));

        Assert.Equal("CHF", r.Currency);
        Assert.Null(r.ScenarioAnalysis.AllCentralized.MonthlyFees);
        Assert.Null(r.ScenarioAnalysis.AllCentralized.NetMonthly);
        Assert.NotEqual("centralized", r.OptimalMode);
    }

    [Fact]
    public void TipsAndRefunds_AreLeftOutOfCommission_RefundsOutOfRevenue()
    {
        var barber = new BarberProcessors(new BarberPaymentConfig(1, CommissionRate: 0.10m), Connect, []);
        // 30.4375 days, so monthly equals the period: 1,000.00 volume, 100.00 tips, 50.00 refunds.
        var asked = AnalysisPeriod.Of("30_days", Calendar) with { };
        var window = new RollupWindow(1, TimeZoneInfo.Utc, asked.From, asked.To,
            [Day(Calendar.Today, AnalyticsModes.Centralized, 10, 10, 1000, 32.00m, refunds: 50, tips: 100)]);
        var r = RevenueOptimizer.Analyze(asked, window, barber, Calendar);

        // Revenue 950.00 → 963.85; commission 10% of 850.00 = 85.00 → 86.24.
        Assert.Equal((963.85m, -86.24m), (r.ScenarioAnalysis.CurrentHybrid.MonthlyRevenue, r.ScenarioAnalysis.CurrentHybrid.CommissionImpact));
    }

    [Theory]
    [InlineData(0, -100, "not_applicable")]
    [InlineData(0, 0, "not_applicable")]
    [InlineData(100, 0, "not_applicable")]
    [InlineData(0, 5, "immediate")]
    [InlineData(3000, 3000, "1 month")]
    [InlineData(10000, 3000, "4 months")]
    public void Payback_IsImmediateWithoutInvestment_WholeMonthsOtherwise(long investment, long savings, string expected) =>
        Assert.Equal(expected, RevenueOptimizer.Payback(new Money(investment, Currency.Usd), new Money(savings, Currency.Usd)));
}
