using BookedBarber.Payments.Amounts;
using BookedBarber.Payments.Analytics.Rollups;

namespace BookedBarber.Payments.UnitTests.Analytics.SixFigure;

/// <summary>Hand-built rollup days for the six-figure calculators: net earnings, payments and clients per local day.</summary>
internal static class SixFigureWorld
{
    public const int Barber = 7;
    public static readonly DateOnly Today = new(2026, 11, 30);

    public static Money Usd(decimal major) => Money.Round(major, Currency.Usd);

    public static DailyRollup Day(DateOnly day, decimal net, int successes = 1, int failures = 0, decimal? volume = null, int[]? clients = null,
        string mode = "centralized") =>
        new(day, mode, ModeTotals.Zero(Currency.Usd) with
        {
            Payments = successes + failures,
            Successes = successes,
            Volume = Usd(volume ?? net),
            NetEarnings = Usd(net),
        }, clients ?? [], 0);

    public static RollupWindow Window(params DailyRollup[] days) => Window(Today, days);

    public static RollupWindow Window(DateOnly today, params DailyRollup[] days) =>
        new(Barber, TimeZoneInfo.Utc, today.AddYears(-10), today, days);

    /// <summary>The same net every day of [from, to].</summary>
    public static IEnumerable<DailyRollup> Daily(DateOnly from, DateOnly to, decimal net, Func<DateOnly, int[]>? clients = null)
    {
        for (var d = from; d <= to; d = d.AddDays(1)) yield return Day(d, net, clients: clients?.Invoke(d));
    }
}
