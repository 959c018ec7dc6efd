namespace BookedBarber.ProcessorSimulators.Square;

/// <summary>What the simulator holds about one refund, for assertions.</summary>
public sealed record SquareSimulatedRefund(
    string Id,
    string PaymentId,
    string MerchantId,
    string LocationId,
    string Status,
    long Amount,
    string Currency,
    string? Reason,
    DateTimeOffset CreatedAt);
