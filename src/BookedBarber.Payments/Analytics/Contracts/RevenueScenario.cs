namespace BookedBarber.Payments.Analytics;

/// <summary>
/// A month under one mode: revenue, processing fees, the platform's commission (as a negative impact) and what is left.
/// Fees and net are null when the scenario cannot be priced (the platform does not take the currency). Extension:
/// <c>priced_with</c>, the processor whose fee table priced the payments moved into this mode (null for the current mix).
/// </summary>
public sealed record RevenueScenario(
    decimal MonthlyRevenue,
    decimal? MonthlyFees,
    decimal? NetMonthly,
    decimal? CommissionImpact,
    string? PricedWith);
