namespace BookedBarber.Payments.Collections;

/// <summary>An external transaction whose commission this collection carries.</summary>
public sealed record CollectionRelatedTransaction(
    string ExternalTransactionId,
    decimal Amount,
    DateTimeOffset ProcessedAt);
