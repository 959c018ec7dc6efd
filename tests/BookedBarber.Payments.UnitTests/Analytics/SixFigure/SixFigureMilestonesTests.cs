using BookedBarber.Payments.Analytics.SixFigure;
using static BookedBarber.Payments.UnitTests.Analytics.SixFigure.SixFigureWorld;

namespace BookedBarber.Payments.UnitTests.Analytics.SixFigure;

public sealed class SixFigureMilestonesTests
{
    [Fact]
    public void There_are_twelve_documented_milestones() => Assert.Equal(12, SixFigureMilestones.All.Count);

    [Fact]
    public void Milestones_are_reached_on_the_day_the_history_crosses_them()
    {
        // Twelve clients, one a day from March 1st, 100 a day; a day of 700 on March 20th takes March past 1,000 net.
        var march = new DateOnly(2026, 3, 1);
        var days = Enumerable.Range(0, 12).Select(i => Day(march.AddDays(i), 100m, clients: [i + 1])).ToList();
        days.Add(Day(new DateOnly(2026, 3, 20), 700m, clients: [1]));
        var reached = SixFigureMilestones.Reached(Window([.. days]));

        DateOnly? On(string name) => reached.Single(r => r.Milestone.Name == name).ReachedOn;
        Assert.Equal(march, On("First Payment"));
        Assert.Equal(march.AddDays(9), On("10 Clients"));
        Assert.Equal(march.AddDays(9), On("First $1K Month")); // ten days of 100
        Assert.Null(On("50 Clients"));
        Assert.Null(On("First $2.5K Month")); // 1,900 in March
        Assert.Equal(3, reached.Count(r => r.ReachedOn is not null));
    }

    [Fact]
    public void A_month_milestone_counts_one_calendar_month_not_a_rolling_one()
    {
        // 600 on March 31st and 600 on April 1st: 1,200 within two days but no month reaches 1,000.
        var reached = SixFigureMilestones.Reached(Window(Day(new DateOnly(2026, 3, 31), 600m, clients: [1]), Day(new DateOnly(2026, 4, 1), 600m, clients: [2])));
        Assert.Null(reached.Single(r => r.Milestone.Name == "First $1K Month").ReachedOn);
    }

    [Fact]
    public void The_next_milestone_shows_progress_and_an_estimate_at_the_pace_of_the_last_90_days()
    {
        // 3 clients, all new in the last 90 days: 3 clients per 90 days, so 7 more take 210 days.
        var window = Window(
            Day(Today.AddDays(-10), 100m, clients: [1]), Day(Today.AddDays(-5), 100m, clients: [2]), Day(Today, 100m, clients: [3]));
        var trend = SixFigureTrend.Of(window, Today);
        var tracking = SixFigureMilestones.Track(window, Today, trend);

        Assert.Equal(1, tracking.MilestonesAchieved);
        var next = tracking.NextMilestone!;
        Assert.Equal(("10 Clients", 10m, 3m, 30.0m), (next.Name, next.TargetValue, next.CurrentValue, next.Progress));
        Assert.Equal(Today.AddDays(210), next.EstimatedCompletion);
    }

    [Fact]
    public void A_money_milestone_with_a_shrinking_pace_has_no_estimate()
    {
        // 50 clients reached long ago; the last 90 days earned less than the 90 before: "First $1K Month" cannot be dated.
        var (from, to) = SixFigureTrend.Current(Today);
        var (pFrom, pTo) = SixFigureTrend.Previous(Today);
        var old = Enumerable.Range(1, 60).Select(i => Day(new DateOnly(2024, 1, 1).AddDays(i), 10m, clients: [i])).ToList();
        var window = Window([.. old, .. Daily(pFrom, pTo, 9m), .. Daily(from, to, 8m)]);
        var tracking = SixFigureMilestones.Track(window, Today, SixFigureTrend.Of(window, Today));

        var next = tracking.NextMilestone!;
        Assert.Equal("First $1K Month", next.Name);
        Assert.Equal(SixFigurePace.MonthlyRevenue(8m * 90, 90), next.CurrentValue);
        Assert.Null(next.EstimatedCompletion);
    }

    [Fact]
    public void A_month_milestone_is_dated_when_the_growing_monthly_average_reaches_it()
    {
        // 100 a day (a new client each day) for the last 90 days, 50 a day for the 90 before: 180 clients, 3,000 months.
        var (from, to) = SixFigureTrend.Current(Today);
        var (pFrom, pTo) = SixFigureTrend.Previous(Today);
        var window = Window([.. Daily(pFrom, pTo, 50m, d => [d.DayNumber]), .. Daily(from, to, 100m, d => [d.DayNumber])]);
        var tracking = SixFigureMilestones.Track(window, Today, SixFigureTrend.Of(window, Today));

        Assert.Equal(6, tracking.MilestonesAchieved);
        var next = tracking.NextMilestone!;
        Assert.Equal(("First $5K Month", 3043.75m, 60.9m), (next.Name, next.CurrentValue, next.Progress));
        // (5,000 − 3,043.75) ÷ 514.69 a month = 3.8 months = 116 days.
        Assert.Equal(Today.AddDays(116), next.EstimatedCompletion);
    }

    [Fact]
    public void An_enrolled_barber_gets_tier_and_phase_from_the_pace()
    {
        var (from, to) = SixFigureTrend.Current(Today);
        var window = Window([.. Daily(from, to, 100m)]);
        var now = new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
        var settings = new SixFigureSettings(Barber, 60_000m, true, now.AddYears(-1), now);
        var insights = SixFigureInsightsCalculator.Compute(settings, window, new(Barber, TimeZoneInfo.Utc, now), [], [], []);

        // 3,043.75 a month = 36,525 a year: 60.9 % of 60,000 → established; growing from nothing → growth.
        Assert.Equal(60.9m, insights.RevenueTracking.ProgressPercentage);
        Assert.Equal(("established", "growth"), (insights.ProgramStatus.Tier, insights.ProgramStatus.CurrentPhase));
    }
}
