namespace BookedBarber.Payments.Processing;

/// <summary>Where a processed payment went; <c>connection_id</c> only for an external processor.</summary>
public sealed record ProcessRoutingDetails(
    string Processor,
    long? ConnectionId,
    bool FallbackAvailable,
    string? ProcessingTime);
