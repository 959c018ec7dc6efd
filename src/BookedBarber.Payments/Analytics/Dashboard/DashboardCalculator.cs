using BookedBarber.Payments.Analytics.Rollups;
using static BookedBarber.Payments.Analytics.Unified.AnalyticsFigures;

namespace BookedBarber.Payments.Analytics.Dashboard;

/// <summary>
/// The dashboard's figures of today and of the month to date (the local days from the 1st of the barber's current month
/// to today, in their shop's zone), from a window of the rollups of those days. Pure.
/// </summary>
public static class DashboardCalculator
{
    /// <summary>The first local day of the month today is in: the window the dashboard reads.</summary>
    public static DateOnly MonthStart(DateOnly today) => new(today.Year, today.Month, 1);

    public static DashboardToday Today(RollupWindow window, DateOnly today)
    {
        var all = window.Total(null, today, today);
        return new DashboardToday(all.Payments, all.Volume.ToMajor(), all.NetEarnings.ToMajor(),
            window.Total(PlatformModes, today, today).Volume.ToMajor(), window.Total(ExternalModes, today, today).Volume.ToMajor(),
            Commission(all).ToMajor());
    }

    public static DashboardMonthToDate MonthToDate(RollupWindow window, DateOnly today)
    {
        var all = window.Total(null, MonthStart(today), today);
        return new DashboardMonthToDate(all.Payments, all.Volume.ToMajor(), all.NetEarnings.ToMajor(), SuccessRate(all), Average(all));
    }
}
