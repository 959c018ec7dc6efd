using BookedBarber.Payments.Analytics.Rollups;
using BookedBarber.Payments.Errors;

namespace BookedBarber.Payments.Analytics.Optimization;

/// <summary>
/// The analysis periods (the analytics endpoint's names): the last N local days of the barber's shop, today included.
/// 6_months and 1_year go back whole calendar months; all_time starts at the first day with a payment (looking back at
/// most <see cref="AllTimeYears"/> years), so its figures are not diluted by days before the barber took any.
/// </summary>
public sealed record AnalysisPeriod(string Name, DateOnly From, DateOnly To)
{
    public const string Default = "90_days";
    public const int AllTimeYears = 10;

    public static readonly IReadOnlyList<string> Names = ["7_days", "30_days", "90_days", "6_months", "1_year", "all_time"];

    /// <summary>The number of local days in the period, at least one.</summary>
    public int Days => Math.Max(1, To.DayNumber - From.DayNumber + 1);

    /// <summary>The period named <paramref name="name"/> (default 90_days) ending today; an unknown name is a 400.</summary>
    public static AnalysisPeriod Of(string? name, BarberCalendar calendar)
    {
        name ??= Default;
        var today = calendar.Today;
        DateOnly? from = name switch
        {
            "7_days" => today.AddDays(-6),
            "30_days" => today.AddDays(-29),
            "90_days" => today.AddDays(-89),
            "6_months" => today.AddMonths(-6).AddDays(1),
            "1_year" => today.AddYears(-1).AddDays(1),
            "all_time" => today.AddYears(-AllTimeYears).AddDays(1),
            _ => null,
        };
        if (from is null) throw Unknown();
        return new AnalysisPeriod(name, from.Value, today);
    }

    /// <summary>The 400 for a period name that is not one of <see cref="Names"/>.</summary>
    public static DomainException Unknown() =>
        new(ErrorCodes.ValidationError, $"period must be one of {string.Join(", ", Names)}.",
            new Dictionary<string, object?> { ["field"] = "period", ["allowed"] = Names.ToArray() });

    /// <summary>all_time starts on the first day the window has payments on (today when none); other periods are fixed.</summary>
    public AnalysisPeriod Fitted(RollupWindow window) =>
        Name == "all_time" ? this with { From = window.Days.Where(d => d.Totals.Payments > 0).Select(d => d.Day).DefaultIfEmpty(To).Min() } : this;
}
