namespace BookedBarber.Payments.Analytics;

/// <summary>What switching to the optimal mode costs and saves.</summary>
public sealed record SwitchingRoi(
    decimal InvestmentRequired,
    decimal MonthlySavings,
    decimal AnnualSavings,
    string PaybackPeriod);
