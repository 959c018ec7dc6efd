namespace BookedBarber.Payments.Routing;

/// <summary>Fees saved by routing, average processing fee and commission collected over the period.</summary>
public sealed record RoutingFeeComparison(
    decimal TotalFeesSaved,
    decimal AverageProcessingFee,
    decimal CommissionCollected);
