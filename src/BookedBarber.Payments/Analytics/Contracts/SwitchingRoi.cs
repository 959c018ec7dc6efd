namespace BookedBarber.Payments.Analytics;

/// <summary>
/// What switching to the optimal mode costs and saves. Extension: <c>connection_required</c>, the processor the barber
/// must connect first (stripe_platform, square or stripe), null when none is needed.
/// </summary>
public sealed record SwitchingRoi(
    decimal InvestmentRequired,
    decimal MonthlySavings,
    decimal AnnualSavings,
    string PaybackPeriod,
    string? ConnectionRequired);
