namespace BookedBarber.ProcessorSimulators.Square;

/// <summary>What the simulator holds about one payment, for assertions.</summary>
public sealed record SquareSimulatedPayment(
    string Id,
    string MerchantId,
    string LocationId,
    string IdempotencyKey,
    string Status,
    long Amount,
    long? Tip,
    long? AppFee,
    string Currency,
    string? ReferenceId,
    DateTimeOffset CreatedAt,
    long ProcessingFeeTotal,
    bool FeesSettled);
