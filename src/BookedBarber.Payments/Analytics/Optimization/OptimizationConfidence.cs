namespace BookedBarber.Payments.Analytics.Optimization;

/// <summary>
/// How much the optimization figures can be trusted, 0–1 (two decimals, half away from zero): the mean of two shares,
/// settled payments analysed out of <see cref="FullPayments"/> and days with payments out of <see cref="FullDays"/>
/// (each capped at 1). No data is 0; 100 payments spread over 30 days or more is 1.
/// </summary>
public static class OptimizationConfidence
{
    public const int FullPayments = 100;
    public const int FullDays = 30;

    public static decimal Score(int payments, int daysWithData)
    {
        var p = Math.Min(1m, Math.Max(0, payments) / (decimal)FullPayments);
        var d = Math.Min(1m, Math.Max(0, daysWithData) / (decimal)FullDays);
        return decimal.Round((p + d) / 2m, 2, MidpointRounding.AwayFromZero) + 0.00m; // + 0.00m: always two decimals in JSON
    }
}
