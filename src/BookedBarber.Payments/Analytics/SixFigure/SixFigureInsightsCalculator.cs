using BookedBarber.Payments.Analytics.Peers;
using BookedBarber.Payments.Analytics.Rollups;
using BookedBarber.Payments.Booking;

namespace BookedBarber.Payments.Analytics.SixFigure;

/// <summary>The six-figure insights of a barber from their settings, rollup history, the period's appointments and the peers' months.</summary>
public static class SixFigureInsightsCalculator
{
    /// <summary>How far back milestones look.</summary>
    public const int HistoryYears = 10;

    /// <summary>The last full local month before today's ("yyyy-MM") and the one before it.</summary>
    public static (DateOnly Start, DateOnly End) LastFullMonth(DateOnly today)
    {
        var start = new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
        return (start, start.AddMonths(1).AddDays(-1));
    }

    public static string MonthKey(DateOnly day) => day.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);

    public static SixFigureInsightsResponse Compute(
        SixFigureSettings settings, RollupWindow history, BarberCalendar calendar, IReadOnlyList<Appointment> appointments,
        IReadOnlyList<PeerMonth> lastFullMonth, IReadOnlyList<PeerMonth> monthBefore)
    {
        var today = calendar.Today;
        var trend = SixFigureTrend.Of(history, today);
        var pace = SixFigurePace.AnnualPace(trend.CurrentMonthly);
        var monthlyTarget = SixFigurePace.MonthlyTarget(settings.AnnualTarget);
        var progress = SixFigurePace.Progress(pace, settings.AnnualTarget);
        var tracking = new SixFigureRevenueTracking(settings.AnnualTarget, pace, monthlyTarget, trend.CurrentMonthly, progress, trend.MonthsToReach(monthlyTarget));
        var figures = SixFigureFigures.Of(history, today, appointments, lastFullMonth);

        var (start, end) = LastFullMonth(today);
        var own = OwnMonth(history, start, end, calendar.Now);
        var ownBefore = OwnMonth(history, start.AddMonths(-1), start.AddDays(-1), calendar.Now);
        return new SixFigureInsightsResponse(
            SixFigureProgram.Status(settings, calendar.Now, progress, trend.Growing),
            tracking,
            figures.KeyMetrics,
            SixFigureGrowthRules.Recommend(figures, tracking, history.Currency),
            SixFigureMilestones.Track(history, today, trend),
            PeerPercentiles.Compare(own, ownBefore, lastFullMonth, monthBefore));
    }

    /// <summary>The barber's own figures of a month, as a PeerMonth row would hold them, from the same rollups.</summary>
    public static PeerMonth OwnMonth(RollupWindow history, DateOnly start, DateOnly end, DateTimeOffset now)
    {
        var t = history.Total(null, start, end);
        return new PeerMonth(MonthKey(start), history.BarberId, history.Currency.Code, t.Payments, t.Successes, t.Volume.ToMajor(), t.NetEarnings.ToMajor(),
            (t.ProcessingFees + t.CommissionDeducted + t.CommissionOwed).ToMajor(), history.Clients(null, start, end).Count, now);
    }
}
