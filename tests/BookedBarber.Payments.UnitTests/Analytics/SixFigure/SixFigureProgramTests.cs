using BookedBarber.Payments.Analytics;
using BookedBarber.Payments.Analytics.SixFigure;
using static BookedBarber.Payments.UnitTests.Analytics.SixFigure.SixFigureWorld;

namespace BookedBarber.Payments.UnitTests.Analytics.SixFigure;

public sealed class SixFigureProgramTests
{
    [Theory]
    [InlineData(0, "foundation")]
    [InlineData(24.9, "foundation")]
    [InlineData(25, "developing")]
    [InlineData(50, "established")]
    [InlineData(94.3, "advanced")]
    [InlineData(100, "six_figure")]
    [InlineData(180, "six_figure")]
    public void Tiers_follow_the_documented_progress_thresholds(decimal progress, string tier) =>
        Assert.Equal(tier, SixFigureProgram.Tier(progress));

    [Fact]
    public void Phase_is_onboarding_for_three_months_then_mastery_growth_or_plateau()
    {
        var start = new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);
        Assert.Equal("onboarding", SixFigureProgram.Phase(start, start.AddMonths(3).AddTicks(-1), 120m, true));
        Assert.Equal("mastery", SixFigureProgram.Phase(start, start.AddMonths(3), 100m, false));
        Assert.Equal("growth", SixFigureProgram.Phase(start, start.AddMonths(4), 60m, true));
        Assert.Equal("plateau", SixFigureProgram.Phase(start, start.AddMonths(4), 60m, false));
    }

    [Fact]
    public void Not_enrolled_has_no_tier_start_or_phase()
    {
        var status = SixFigureProgram.Status(SixFigureSettings.Default(Barber), DateTimeOffset.UtcNow, 50m, true);
        Assert.Equal(new SixFigureProgramStatus(false, null, null, null), status);
    }

    [Fact]
    public void Trend_compares_the_last_90_days_with_the_90_before_and_projects_months_to_target_linearly()
    {
        // 100 a day for the last 90 days, 50 a day for the 90 before: 3,043.75 and 1,521.88 a month.
        var (from, to) = SixFigureTrend.Current(Today);
        var (pFrom, pTo) = SixFigureTrend.Previous(Today);
        var window = Window([.. Daily(from, to, 100m), .. Daily(pFrom, pTo, 50m)]);
        var trend = SixFigureTrend.Of(window, Today);

        Assert.Equal((3043.75m, 1521.88m), (trend.CurrentMonthly, trend.PreviousMonthly));
        Assert.True(trend.Growing);
        // Growth 1,521.87 over 90 ÷ 30.4375 months = 514.69 a month; (8,333.33 − 3,043.75) ÷ 514.69 = 10.3 months.
        Assert.Equal(10.3m, trend.MonthsToReach(8333.33m));
        Assert.Equal(0m, trend.MonthsToReach(3000m));
        Assert.Null(new SixFigureTrend(3000m, 3000m).MonthsToReach(8333.33m)); // flat: never, so null
        Assert.Null(new SixFigureTrend(2000m, 3000m).MonthsToReach(8333.33m));
    }

    [Fact]
    public void A_barber_without_payments_gets_zeros_and_nulls()
    {
        var calendar = new BookedBarber.Payments.Analytics.Rollups.BarberCalendar(Barber, TimeZoneInfo.Utc, new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero));
        var insights = SixFigureInsightsCalculator.Compute(SixFigureSettings.Default(Barber), Window(), calendar, [], [], []);

        Assert.Equal(new SixFigureRevenueTracking(100_000m, 0m, 8333.33m, 0m, 0m, null), insights.RevenueTracking);
        Assert.Equal(new SixFigureKeyMetrics(null, null, null, null, null), insights.KeyMetrics);
        Assert.Empty(insights.GrowthRecommendations);
        Assert.Equal((0, 12), (insights.MilestoneTracking.MilestonesAchieved, insights.MilestoneTracking.MilestonesTotal));
        Assert.Equal(new NextMilestone("First Payment", 1m, 0m, 0m, null), insights.MilestoneTracking.NextMilestone);
        Assert.Equal(new PeerComparison(null, null, null, null), insights.PeerComparison);
        Assert.False(insights.ProgramStatus.Enrolled);
    }
}
