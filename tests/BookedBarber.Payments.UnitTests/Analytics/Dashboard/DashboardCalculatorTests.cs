using BookedBarber.Payments.Amounts;
using BookedBarber.Payments.Analytics.Dashboard;
using BookedBarber.Payments.Analytics.Rollups;
using BookedBarber.Payments.Collections;
using static BookedBarber.Payments.UnitTests.Analytics.Unified.RollupFixture;

namespace BookedBarber.Payments.UnitTests.Analytics.Dashboard;

public sealed class DashboardCalculatorTests
{
    private static readonly DateTimeOffset Now = new(2026, 7, 22, 12, 0, 0, TimeSpan.Zero); // a Wednesday

    [Fact]
    public void TodayAndMonthToDate_SumTheirDays()
    {
        var w = Window(new DateOnly(2026, 7, 1),
            Day(Today, AnalyticsModes.Centralized, 2, 2, 80.00m, 2.62m, deducted: 16.00m),
            Day(Today, AnalyticsModes.External, 3, 2, 120.00m, 3.50m, owed: 24.00m),
            Day(new DateOnly(2026, 7, 1), AnalyticsModes.Fallback, 5, 4, 200.00m, 6.10m, deducted: 40.00m));

        Assert.Equal(new(5, 200.00m, 153.88m, 80.00m, 120.00m, 40.00m), DashboardCalculator.Today(w, Today));
        Assert.Equal(new(10, 400.00m, 307.78m, 80.0m, 50.00m), DashboardCalculator.MonthToDate(w, Today));
    }

    [Fact]
    public void NoData_IsZerosAndNulls()
    {
        var w = Window(new DateOnly(2026, 7, 1));
        Assert.Equal(new(0, 0m, 0m, 0m, 0m, 0m), DashboardCalculator.Today(w, Today));
        Assert.Equal(new(0, 0m, 0m, null, null), DashboardCalculator.MonthToDate(w, Today));
    }

    private static CommissionCollection Collection(long id, string status, decimal amount, DateTimeOffset due) =>
        new(id, 1, Currency.Usd, status, CollectionMethods.StripeConnect, due.AddDays(-1), due, due.AddDays(-1), 0.2m,
            Money.Round(amount, Currency.Usd).Minor, 0, [], []);

    [Fact]
    public void Outstanding_CountsPendingDueAndFailed_NextDateIsTheEarliestPendingDueDate()
    {
        var collections = new[]
        {
            Collection(1, CollectionStatus.Collected, 99.00m, Now.AddDays(-30)),
            Collection(2, CollectionStatus.Failed, 10.00m, Now.AddDays(-20)),
            Collection(3, CollectionStatus.Pending, 20.00m, Now.AddDays(-1)), // past its due date: due
            Collection(4, CollectionStatus.Pending, 30.00m, Now.AddDays(2)),
            Collection(5, CollectionStatus.Pending, 40.00m, Now.AddDays(1)),
        };

        var o = OutstandingCommissionCalculator.Compute(collections, Now, "weekly", true, new CollectionScheduleClock(null));

        Assert.Equal(new(4, 100.00m, Now.AddDays(1)), o);
    }

    [Theory]
    [InlineData("weekly", "2026-07-27T06:00:00Z")]  // the open week ends Monday 27 00:00; the 06:00 run builds it
    [InlineData("daily", "2026-07-23T06:00:00Z")]
    [InlineData("monthly", "2026-08-01T06:00:00Z")]
    public void Outstanding_WithoutAPendingOne_NextDateIsTheRunAfterTheOpenPeriodEnds(string frequency, string expected)
    {
        var o = OutstandingCommissionCalculator.Compute([], Now, frequency, true, new CollectionScheduleClock(null));
        Assert.Equal(new(0, 0m, DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture)), o);
    }

    [Fact]
    public void Outstanding_NothingOwedAndNoConnection_HasNoDate()
    {
        Assert.Equal(new(0, 0m, null), OutstandingCommissionCalculator.Compute([], Now, "weekly", false, new CollectionScheduleClock(null)));
    }

    [Fact]
    public void ScheduleClock_ARunExactlyAtTheInstantCounts()
    {
        var at = new DateTimeOffset(2026, 7, 27, 6, 0, 0, TimeSpan.Zero);
        Assert.Equal(at, new CollectionScheduleClock("0 0 6 * * *").RunAtOrAfter(at));
    }
}
