namespace BookedBarber.Payments.Routing;

/// <summary>One way the barber can be paid.</summary>
public sealed record AvailableMethod(
    string Type,
    string Processor,
    string DisplayName,
    decimal ProcessingFeeRate,
    decimal CommissionRate,
    bool SupportsSavedCards,
    string ProcessingTime);
