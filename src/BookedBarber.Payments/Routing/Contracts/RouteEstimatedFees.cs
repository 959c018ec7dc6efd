namespace BookedBarber.Payments.Routing;

/// <summary>Estimated fees of the routed payment and what the barber nets.</summary>
public sealed record RouteEstimatedFees(
    decimal ProcessingFee,
    decimal CommissionFee,
    decimal TotalFees,
    decimal NetAmount);
