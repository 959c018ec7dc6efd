namespace BookedBarber.Payments.Analytics;

/// <summary>Today's activity across both payment routes.</summary>
public sealed record DashboardToday(
    int TotalTransactions,
    decimal TotalVolume,
    decimal TotalNetEarnings,
    decimal CentralizedVolume,
    decimal ExternalVolume,
    decimal CommissionActivity);
