using BookedBarber.Payments.Analytics;
using BookedBarber.Payments.Analytics.Rollups;
using BookedBarber.Payments.Analytics.Unified;
using BookedBarber.Payments.Errors;
using static BookedBarber.Payments.UnitTests.Analytics.Unified.RollupFixture;

namespace BookedBarber.Payments.UnitTests.Analytics.Unified;

public sealed class UnifiedAnalyticsCalculatorTests
{
    private static readonly string C = AnalyticsModes.Centralized, X = AnalyticsModes.External, F = AnalyticsModes.Fallback;

    private static UnifiedAnalyticsInput Input(RollupWindow w, int days = 30, decimal? target = 100_000m, bool projections = false,
        string mode = "hybrid", string frequency = "weekly") =>
        new("30_days", Calendar, w, Today.AddDays(1 - days), Today, Today.AddDays(1 - 2 * days), frequency, mode, target, projections);

    [Theory]
    [InlineData("7_days", 7)]
    [InlineData("30_days", 30)]
    [InlineData("90_days", 90)]
    [InlineData("6_months", 182)]
    [InlineData("1_year", 365)]
    [InlineData(null, 30)]
    public void Periods_NameTheirDays(string? period, int days) => Assert.Equal(days, AnalyticsPeriods.Parse(period));

    [Fact]
    public void Periods_AllTimeHasNoFixedLength() => Assert.Null(AnalyticsPeriods.Parse("all_time"));

    [Theory]
    [InlineData("2_weeks")]
    [InlineData("30days")]
    [InlineData("")]
    public void Periods_AnythingElse_IsAValidationErrorOnPeriod(string period)
    {
        var e = Assert.Throws<DomainException>(() => AnalyticsPeriods.Parse(period));
        Assert.Equal(ErrorCodes.ValidationError, e.Code);
        Assert.Equal("period", e.Details!["field"]);
    }

    [Fact]
    public void Blocks_SumTheModesOfThePeriodOnly()
    {
        var w = Window(Today.AddDays(-59),
            Day(Today, C, 3, 2, 100.00m, 3.20m, deducted: 20.00m),
            Day(Today.AddDays(-1), F, 1, 1, 50.00m, 1.75m, deducted: 10.00m),
            Day(Today.AddDays(-2), X, 4, 3, 150.00m, 4.50m, owed: 30.00m, collected: 20.00m),
            Day(Today.AddDays(-40), C, 9, 9, 900.00m, 9.00m, deducted: 180.00m)); // the previous period

        var r = UnifiedAnalyticsCalculator.Compute(Input(w));

        Assert.Equal(new(4, 150.00m, 115.05m, 75.0m, 50.00m, 4.95m, 30.00m), r.CentralizedPayments);
        Assert.Equal(new(4, 150.00m, 75.0m, 50.00m, 4.50m, 20.00m), r.DecentralizedPayments);
        Assert.Equal(new(30.00m, 20.00m, 10.00m, 66.7m, "weekly"), r.CommissionData);
        // Take rate: (9.45 fees + 30 deducted + 30 owed) / 300 = 23.15%.
        Assert.Equal(new(8, 300.00m, 230.55m, 60.00m, 75.0m, 23.2m), r.CombinedMetrics);
        Assert.Equal(50.0m, r.ModeComparison.VolumeDistribution.CentralizedPercentage);
        Assert.Equal(50.0m, r.ModeComparison.VolumeDistribution.DecentralizedPercentage);
        // Efficiency: 115.05 / 150 = 76.7% on the platform; 115.50 / 150 = 77.0% outside: within the band, hybrid.
        Assert.Equal(76.7m, r.ModeComparison.CentralizedEfficiency);
        Assert.Equal(77.0m, r.ModeComparison.DecentralizedEfficiency);
        Assert.Equal("hybrid", r.ModeComparison.OptimalMode);
        Assert.Equal(Calendar.StartOf(Today.AddDays(-29)), r.DateRange.Start);
        Assert.Equal(new DateTimeOffset(2026, 7, 22, 23, 59, 59, TimeSpan.Zero), r.DateRange.End);
    }

    [Fact]
    public void Trends_CompareWithThePreviousEqualPeriod()
    {
        var w = Window(Today.AddDays(-13),
            Day(Today, C, 5, 4, 200.00m, 6.00m),
            Day(Today.AddDays(-7), C, 4, 4, 160.00m, 5.00m));

        var t = UnifiedAnalyticsCalculator.Compute(Input(w, days: 7)).TrendAnalysis!;

        Assert.Equal(25.0m, t.TotalVolumeTrend);           // 200 vs 160
        Assert.Equal(25.0m, t.TotalTransactionsTrend);     // 5 vs 4
        Assert.Equal(25.2m, t.NetEarningsTrend);           // 194 vs 155
        Assert.Equal(-20.0m, t.SuccessRateTrend);          // 80% vs 100%, in points
    }

    [Fact]
    public void Trends_AreNull_WhenThePreviousPeriodHadNoPayments()
    {
        var w = Window(Today.AddDays(-13), Day(Today, C, 5, 4, 200.00m, 6.00m));
        Assert.Equal(new TrendAnalysis(null, null, null, null), UnifiedAnalyticsCalculator.Compute(Input(w, days: 7)).TrendAnalysis);
    }

    [Fact]
    public void NoData_GivesZerosAndNulls_NoRecommendation()
    {
        var r = UnifiedAnalyticsCalculator.Compute(Input(Window(Today.AddDays(-59)), projections: true));

        Assert.Equal(new(0, 0m, 0m, null, null, 0m, 0m), r.CentralizedPayments);
        Assert.Equal(new(0, 0m, 0m, 0m, null, null), r.CombinedMetrics);
        Assert.Null(r.CommissionData.SuccessRate);
        Assert.Equal(new TrendAnalysis(null, null, null, null), r.TrendAnalysis);
        Assert.Null(r.ModeComparison.OptimalMode);
        Assert.Equal(new VolumeDistribution(null, null), r.ModeComparison.VolumeDistribution);
        Assert.Empty(r.SixFigureInsights!.Recommendations);
        Assert.Empty(r.Recommendations);
        Assert.Equal(0m, r.SixFigureInsights!.ProgressPercentage);
        Assert.Equal(100_000m, r.SixFigureInsights.GapToTarget);
        Assert.Equal(0m, r.Projections!.ProjectedNext30Days);
    }

    [Fact]
    public void OptimalMode_IsTheMoreEfficientRoute_OrTheOnlyOneUsed()
    {
        Assert.Equal("centralized", UnifiedAnalyticsCalculator.OptimalMode(80.0m, 70.0m));
        Assert.Equal("decentralized", UnifiedAnalyticsCalculator.OptimalMode(70.0m, 80.0m));
        Assert.Equal("hybrid", UnifiedAnalyticsCalculator.OptimalMode(75.0m, 76.9m));
        Assert.Equal("centralized", UnifiedAnalyticsCalculator.OptimalMode(75.0m, null));
        Assert.Equal("decentralized", UnifiedAnalyticsCalculator.OptimalMode(null, 75.0m));
    }

    [Fact]
    public void SixFigure_UsesThePaceOfTheNetEarnings_AndStatesTheFiguresInItsAdvice()
    {
        // 30 days, net 6,000.00: monthly = 6000 / 30 × 30.4375 = 6,087.50; annual 73,050.00.
        var w = Window(Today.AddDays(-59), Day(Today, C, 100, 100, 6_000.00m, 0m, clients: [1, 2, 3, 4], returning: 1));

        var s = UnifiedAnalyticsCalculator.Compute(Input(w)).SixFigureInsights!;

        Assert.Equal(100_000m, s.TargetAnnualRevenue);
        Assert.Equal(8_333.33m, s.TargetMonthlyRevenue);
        Assert.Equal(6_087.50m, s.CurrentMonthlyRevenue);
        Assert.Equal(73_050.00m, s.ProjectedAnnual);
        Assert.Equal(73.1m, s.ProgressPercentage);
        Assert.Equal(26_950.00m, s.GapToTarget);
        // 100 payments in 30 days = 101.46 a month at 60.00 net each; the gap of 2,245.83 needs 22.14 more per payment.
        Assert.Contains("Raise net earnings per payment by 22.14 USD (now 60.00 USD over 100 payments) to reach the monthly target of 8333.33 USD", s.Recommendations);
        Assert.Contains("Take 38 more payments a month at the current 60.00 USD net per payment to close the monthly gap of 2245.83 USD", s.Recommendations);
        Assert.Contains("Focus on client retention: returning clients made 25.0% of the period's 4 client visits", s.Recommendations);
    }

    [Fact]
    public void SixFigure_IsNull_WhenNotAskedFor()
    {
        Assert.Null(UnifiedAnalyticsCalculator.Compute(Input(Window(Today.AddDays(-59)), target: null)).SixFigureInsights);
    }

    [Fact]
    public void Recommendations_CiteTheFiguresThatFiredThem()
    {
        var w = Window(Today.AddDays(-59),
            Day(Today, C, 10, 10, 500.00m, 15.00m, deducted: 100.00m),
            Day(Today, X, 10, 8, 400.00m, 11.00m, owed: 80.00m, collected: 40.00m),
            Day(Today.AddDays(-31), C, 20, 20, 1_000.00m, 30.00m, deducted: 200.00m));

        var r = UnifiedAnalyticsCalculator.Compute(Input(w, mode: "centralized"));

        Assert.Contains("Monitor your external processor: its success rate is 80.0% against 100.0% on the platform", r.Recommendations);
        Assert.Contains("Only 50.0% of the commission owed (80.00 USD) was collected, 40.00 USD is pending: consider collecting more often than weekly", r.Recommendations);
        Assert.Contains("Volume fell 10.0% against the previous period", r.Recommendations);
        // 77.0% on the platform, 77.3% outside: hybrid, and the barber is centralized.
        Assert.Contains("Consider hybrid mode: you keep 77.0% of volume on the platform and 77.3% on your own processor, and you are set to centralized", r.Recommendations);
    }

    [Fact]
    public void Projections_FollowTheLinearTrendOfDailyNet()
    {
        // Daily net 10, 20, 30 over three days: slope 10; the next 30 days are 40 .. 330 = 5,550.00.
        var from = Today.AddDays(-2);
        var w = Window(from, Day(from, C, 1, 1, 10m, 0m), Day(from.AddDays(1), C, 1, 1, 20m, 0m), Day(Today, C, 1, 1, 30m, 0m));

        var p = UnifiedAnalyticsCalculator.Compute(Input(w, days: 3, projections: true)).Projections!;

        Assert.Equal(UnifiedAnalyticsCalculator.ProjectionMethod, p.Method);
        Assert.Equal(3, p.BasisDays);
        Assert.Equal(10.00m, p.DailyNetTrend);
        Assert.Equal(5_550.00m, p.ProjectedNext30Days);
        Assert.Equal(Enumerable.Range(4, 90).Sum(i => i * 10m), p.ProjectedNext90Days);
    }

    [Fact]
    public void Projections_AreNull_UnlessAsked()
    {
        Assert.Null(UnifiedAnalyticsCalculator.Compute(Input(Window(Today.AddDays(-59)))).Projections);
    }
}
