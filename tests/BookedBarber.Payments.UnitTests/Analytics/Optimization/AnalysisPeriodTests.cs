using BookedBarber.Payments.Analytics.Optimization;
using BookedBarber.Payments.Analytics.Rollups;
using BookedBarber.Payments.Errors;
using static BookedBarber.Payments.UnitTests.Analytics.Optimization.RevenueOptimizerTests;

namespace BookedBarber.Payments.UnitTests.Analytics.Optimization;

public sealed class AnalysisPeriodTests
{
    // 23:30 UTC on Nov 30 is already Dec 1 in Auckland: the shop's day decides.
    private static readonly BarberCalendar Auckland = new(1, TimeZoneInfo.FindSystemTimeZoneById("Pacific/Auckland"), new(2026, 11, 30, 23, 30, 0, TimeSpan.Zero));

    [Theory]
    [InlineData(null, "90_days", "2026-09-03", 90)]
    [InlineData("7_days", "7_days", "2026-11-25", 7)]
    [InlineData("30_days", "30_days", "2026-11-02", 30)]
    [InlineData("6_months", "6_months", "2026-06-02", 183)]
    [InlineData("1_year", "1_year", "2025-12-02", 365)]
    public void Periods_AreTheLastLocalDays_TodayIncluded(string? name, string expectedName, string from, int days)
    {
        var p = AnalysisPeriod.Of(name, Auckland);
        Assert.Equal((expectedName, DateOnly.Parse(from), new DateOnly(2026, 12, 1), days), (p.Name, p.From, p.To, p.Days));
    }

    [Fact]
    public void AllTime_StartsOnTheFirstDayWithPayments()
    {
        var p = AnalysisPeriod.Of("all_time", Auckland);
        var window = new RollupWindow(1, Auckland.Zone, p.From, p.To, [Day(new DateOnly(2026, 10, 2), AnalyticsModes.Centralized, 1, 1, 75, 2.48m)]);
        Assert.Equal((new DateOnly(2026, 10, 2), 61), (p.Fitted(window).From, p.Fitted(window).Days));
        Assert.Equal(1, p.Fitted(new RollupWindow(1, Auckland.Zone, p.From, p.To, [])).Days);
    }

    [Theory]
    [InlineData("")]
    [InlineData("90days")]
    [InlineData("2_years")]
    [InlineData("30_DAYS")]
    public void AnUnknownPeriod_IsAValidationError(string name)
    {
        var e = Assert.Throws<DomainException>(() => AnalysisPeriod.Of(name, Auckland));
        Assert.Equal(ErrorCodes.ValidationError, e.Code);
    }
}
