using BookedBarber.Payments.Amounts;
using BookedBarber.Payments.Analytics.Rollups;
using BookedBarber.Payments.Analytics.RoutingStats;

namespace BookedBarber.Payments.UnitTests.Analytics.Consistency;

/// <summary>routing-stats as sums of rollups: every figure from <see cref="ModeTotals"/>, money in the window's main currency.</summary>
public sealed class RoutingStatsFromRollupsTests
{
    private static readonly Currency Usd = Currency.Usd;
    private static readonly Currency Eur = Currency.TryParse("EUR", out var eur) ? eur : throw new InvalidOperationException("EUR");
    private static readonly DateOnly Today = new(2026, 11, 30);

    private static ModeTotals Totals(Currency currency, int payments, int successes, long volume, long fees = 0, long deducted = 0, long saved = 0,
        long durationMs = 0, int durations = 0, long refunds = 0, int refunded = 0, int disputed = 0) =>
        ModeTotals.Zero(currency) with
        {
            Payments = payments, Successes = successes, Volume = new(volume, currency), ProcessingFees = new(fees, currency),
            CommissionDeducted = new(deducted, currency), FeesSaved = new(saved, currency), DurationMsTotal = durationMs, DurationCount = durations,
            Refunds = new(refunds, currency), RefundedPayments = refunded, DisputedPayments = disputed,
        };

    private static RollupWindow Window(params DailyRollup[] days) => new(1, TimeZoneInfo.Utc, Today.AddDays(-29), Today, days);

    [Fact]
    public void Every_figure_is_a_sum_of_the_days_and_other_currencies_count_only_as_payments()
    {
        var stats = RoutingStatsEndpoint.Compute(1, 30, Window(
            new DailyRollup(Today, "centralized", Totals(Usd, 2, 1, 7500, fees: 248, deducted: 1500, durationMs: 1500, durations: 1, refunds: 2500, refunded: 1), [], 0),
            new DailyRollup(Today.AddDays(-3), "external", Totals(Usd, 4, 3, 19500, fees: 586, saved: 40, durationMs: 2400, durations: 2, disputed: 1), [], 0),
            new DailyRollup(Today.AddDays(-1), "fallback", Totals(Usd, 1, 1, 6000, fees: 204, deducted: 1200, durationMs: 3000, durations: 1), [], 0),
            new DailyRollup(Today.AddDays(-2), "centralized", Totals(Eur, 1, 1, 9000, fees: 300, deducted: 1800, durationMs: 99_000, durations: 1), [], 0)));

        Assert.Equal((1, 30, 8), (stats.BarberId, stats.PeriodDays, stats.TotalPayments));
        Assert.Equal((3, 37.5m, 75.00m), (stats.RoutingBreakdown.Centralized.Count, stats.RoutingBreakdown.Centralized.Percentage, stats.RoutingBreakdown.Centralized.TotalVolume));
        Assert.Equal((4, 50.0m, 195.00m), (stats.RoutingBreakdown.External.Count, stats.RoutingBreakdown.External.Percentage, stats.RoutingBreakdown.External.TotalVolume));
        Assert.Equal((1, 12.5m, 60.00m), (stats.RoutingBreakdown.Fallback.Count, stats.RoutingBreakdown.Fallback.Percentage, stats.RoutingBreakdown.Fallback.TotalVolume));
        // Platform: 3 of 4 (the EUR one counts); external 3 of 4; overall 6 of 8.
        Assert.Equal((75.0m, 75.0m, 75.0m), (stats.SuccessRates.Centralized, stats.SuccessRates.External, stats.SuccessRates.Overall));
        // Times: USD days only, (1500 + 3000) / 2 and 2400 / 2.
        Assert.Equal(("2.3s", "1.2s"), (stats.AverageProcessingTimes.Centralized, stats.AverageProcessingTimes.External));
        // Mean fee over the 5 succeeded USD payments: (248 + 586 + 204) / 5 = 207.6 → 2.08.
        Assert.Equal((0.40m, 2.08m, 27.00m), (stats.FeeComparison.TotalFeesSaved, stats.FeeComparison.AverageProcessingFee, stats.FeeComparison.CommissionCollected));
        Assert.Equal((1, 25.00m, 1), (stats.Refunds!.RefundedCount, stats.Refunds.RefundedAmount, stats.Refunds.DisputedCount));
    }

    [Fact]
    public void No_days_give_zeros_and_no_rates_or_times()
    {
        var stats = RoutingStatsEndpoint.Compute(2, 7, Window());

        Assert.Equal(0, stats.TotalPayments);
        Assert.Equal((0, 0.0m, 0.00m), (stats.RoutingBreakdown.External.Count, stats.RoutingBreakdown.External.Percentage, stats.RoutingBreakdown.External.TotalVolume));
        Assert.Equal(((decimal?)null, (decimal?)null, (decimal?)null), (stats.SuccessRates.Centralized, stats.SuccessRates.External, stats.SuccessRates.Overall));
        Assert.Equal(((string?)null, (string?)null), (stats.AverageProcessingTimes.Centralized, stats.AverageProcessingTimes.External));
        Assert.Equal((0.00m, 0.00m, 0.00m), (stats.FeeComparison.TotalFeesSaved, stats.FeeComparison.AverageProcessingFee, stats.FeeComparison.CommissionCollected));
    }
}
