namespace BookedBarber.Payments.Analytics;

/// <summary>A month under one mode; <c>commission_impact</c> only where commission is collected separately.</summary>
public sealed record RevenueScenario(
    decimal MonthlyRevenue,
    decimal MonthlyFees,
    decimal NetMonthly,
    decimal? CommissionImpact);
