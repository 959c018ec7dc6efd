namespace BookedBarber.Payments.Analytics;

/// <summary>This month's activity so far.</summary>
public sealed record DashboardMonthToDate(
    int TotalTransactions,
    decimal TotalVolume,
    decimal TotalNetEarnings,
    decimal? SuccessRate,
    decimal? AverageTransaction);
