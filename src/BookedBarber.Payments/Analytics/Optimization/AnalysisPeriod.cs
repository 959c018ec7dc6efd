using BookedBarber.Payments.Analytics.Rollups;
using BookedBarber.Payments.Analytics.Unified;

namespace BookedBarber.Payments.Analytics.Optimization;

/// <summary>
/// The analysis period of a request: the analytics periods (<see cref="AnalyticsPeriods"/>, the one list of names and
/// lengths) as local days of the barber's shop, ending today; all_time starts at the first day with a payment, so its
/// figures are not diluted by days before the barber took any.
/// </summary>
public sealed record AnalysisPeriod(string Name, DateOnly From, DateOnly To)
{
    public const string Default = "90_days";

    /// <summary>The number of local days in the period, at least one.</summary>
    public int Days => Math.Max(1, To.DayNumber - From.DayNumber + 1);

    /// <summary>The period named <paramref name="name"/> (default 90_days) ending today; an unknown name is a 400.</summary>
    public static AnalysisPeriod Of(string? name, BarberCalendar calendar)
    {
        name ??= Default;
        var days = AnalyticsPeriods.Parse(name);
        var today = calendar.Today;
        return new AnalysisPeriod(name, days is { } n ? today.AddDays(1 - n) : today.AddYears(-AnalyticsPeriods.AllTimeYears).AddDays(1), today);
    }

    /// <summary>all_time starts on the first day the window has payments on (today when none); other periods are fixed.</summary>
    public AnalysisPeriod Fitted(RollupWindow window) =>
        Name == AnalyticsPeriods.AllTime ? this with { From = window.Days.Where(d => d.Totals.Payments > 0).Select(d => d.Day).DefaultIfEmpty(To).Min() } : this;
}
