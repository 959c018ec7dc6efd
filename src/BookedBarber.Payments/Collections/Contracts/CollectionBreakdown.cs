namespace BookedBarber.Payments.Collections;

/// <summary>What the collection charges: subtotal, processing fee and total.</summary>
public sealed record CollectionBreakdown(
    decimal Subtotal,
    decimal ProcessingFee,
    decimal TotalCharged);
