namespace BookedBarber.Payments.Analytics;

/// <summary>Payments through the barber's own processors.</summary>
public sealed record DecentralizedPaymentsMetrics(
    int TotalTransactions,
    decimal TotalVolume,
    decimal? SuccessRate,
    decimal? AverageTransaction,
    decimal ExternalProcessorFees,
    decimal CommissionCollected);
