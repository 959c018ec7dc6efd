namespace BookedBarber.Payments.Processing;

/// <summary>Fees the tested payment would incur.</summary>
public sealed record TestRoutingEstimatedFees(
    decimal ProcessingFee,
    decimal CommissionFee,
    decimal TotalCost);
