namespace BookedBarber.Payments.Analytics;

/// <summary>Payments through the platform (Stripe Connect).</summary>
public sealed record CentralizedPaymentsMetrics(
    int TotalTransactions,
    decimal TotalVolume,
    decimal NetEarnings,
    decimal? SuccessRate,
    decimal? AverageTransaction,
    decimal ProcessingFees,
    decimal CommissionDeducted);
