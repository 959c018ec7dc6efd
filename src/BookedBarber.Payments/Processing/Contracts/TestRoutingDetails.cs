namespace BookedBarber.Payments.Processing;

/// <summary>Where the tested payment would go; <c>connection_id</c> only for an external processor.</summary>
public sealed record TestRoutingDetails(
    string Processor,
    long? ConnectionId,
    decimal CommissionRate);
