using BookedBarber.Payments.Analytics.Rollups;

namespace BookedBarber.Payments.Analytics.SixFigure;

/// <summary>
/// The barber's pace over the last <see cref="PeriodDays"/> local days (today included) and the one before it: the
/// monthly revenue of each (<see cref="SixFigurePace"/>) and the growth between them, spread over the months between
/// the two periods' midpoints. "Growing" means the last period's monthly revenue is above the previous one's.
/// </summary>
public sealed record SixFigureTrend(decimal CurrentMonthly, decimal PreviousMonthly)
{
    public const int PeriodDays = 90;

    /// <summary>Months between the two periods' midpoints: 90 days over the average month.</summary>
    public static readonly decimal PeriodMonths = PeriodDays / SixFigurePace.DaysPerMonth;

    /// <summary>Change of the monthly revenue per month (linear between the two periods).</summary>
    public decimal GrowthPerMonth => (CurrentMonthly - PreviousMonthly) / PeriodMonths;

    public bool Growing => CurrentMonthly > PreviousMonthly;

    public static (DateOnly From, DateOnly To) Current(DateOnly today) => (today.AddDays(1 - PeriodDays), today);

    public static (DateOnly From, DateOnly To) Previous(DateOnly today) => (today.AddDays(1 - 2 * PeriodDays), today.AddDays(-PeriodDays));

    public static SixFigureTrend Of(RollupWindow window, DateOnly today)
    {
        var (from, to) = Current(today);
        var (pFrom, pTo) = Previous(today);
        return new(
            SixFigurePace.MonthlyRevenue(window.Total(null, from, to).NetEarnings.ToMajor(), PeriodDays),
            SixFigurePace.MonthlyRevenue(window.Total(null, pFrom, pTo).NetEarnings.ToMajor(), PeriodDays));
    }

    /// <summary>
    /// Months until the monthly revenue reaches <paramref name="monthlyTarget"/> at the current growth, one decimal:
    /// 0 when it already has, null when it is not growing.
    /// </summary>
    public decimal? MonthsToReach(decimal monthlyTarget)
    {
        if (CurrentMonthly >= monthlyTarget) return 0m;
        if (!Growing) return null;
        return decimal.Round((monthlyTarget - CurrentMonthly) / GrowthPerMonth, 1, MidpointRounding.AwayFromZero);
    }
}
