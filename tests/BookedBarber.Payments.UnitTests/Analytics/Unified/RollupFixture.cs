using BookedBarber.Payments.Amounts;
using BookedBarber.Payments.Analytics.Rollups;

namespace BookedBarber.Payments.UnitTests.Analytics.Unified;

/// <summary>Daily rollups written as amounts in dollars, and a calendar at noon UTC of 2026-07-22.</summary>
internal static class RollupFixture
{
    public static readonly DateOnly Today = new(2026, 7, 22);

    public static readonly BarberCalendar Calendar = new(1, TimeZoneInfo.Utc, new DateTimeOffset(2026, 7, 22, 12, 0, 0, TimeSpan.Zero));

    private static Money M(decimal major) => Money.Round(major, Currency.Usd);

    /// <summary>A day of one mode: net = volume − fees − deducted − owed (no refunds).</summary>
    public static DailyRollup Day(DateOnly day, string mode, int payments, int successes, decimal volume, decimal fees,
        decimal deducted = 0, decimal owed = 0, decimal collected = 0, int[]? clients = null, int returning = 0) =>
        new(day, mode, ModeTotals.Zero(Currency.Usd) with
        {
            Payments = payments,
            Successes = successes,
            Volume = M(volume),
            ProcessingFees = M(fees),
            CommissionDeducted = M(deducted),
            CommissionOwed = M(owed),
            CommissionCollected = M(collected),
            NetEarnings = M(volume - fees - deducted - owed),
        }, clients ?? [], returning);

    public static RollupWindow Window(DateOnly from, params DailyRollup[] days) => new(1, TimeZoneInfo.Utc, from, Today, days);
}
