namespace BookedBarber.Payments.Collections;

/// <summary>A credit a collection carries: commission given back for a refund or dispute of a transaction an earlier collection covered.</summary>
public sealed record CollectionCreditLine(
    string ExternalTransactionId,
    decimal Amount,
    long FromCollectionId);
