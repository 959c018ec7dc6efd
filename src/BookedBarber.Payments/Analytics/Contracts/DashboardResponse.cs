namespace BookedBarber.Payments.Analytics;

// Rates and percentages are percent values (98.4 = 98.4%); a rate is absent when there was nothing to measure.

/// <summary><c>GET /unified-payment-analytics/dashboard</c> response.</summary>
public sealed record DashboardResponse(
    DashboardToday Today,
    DashboardMonthToDate MonthToDate,
    OutstandingCommission OutstandingCommission,
    IReadOnlyList<DashboardTransaction> RecentTransactions,
    DateTimeOffset LastUpdated);
