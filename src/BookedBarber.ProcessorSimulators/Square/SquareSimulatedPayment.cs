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
    bool FeesSettled)
{
    public string? Note { get; init; }

    /// <summary>KEYED for API payments; CHIP, CONTACTLESS, SWIPED or KEYED at the chair.</summary>
    public string EntryMethod { get; init; } = "KEYED";

    /// <summary>The sum of completed refunds (Square's refunded_money).</summary>
    public long RefundedAmount { get; init; }

    public IReadOnlyList<string> RefundIds { get; init; } = [];
}
