namespace BookedBarber.Payments.Collections;

/// <summary>
/// Charges a collection at the platform's Stripe, and says what Stripe holds for one. Every charge carries the
/// attempt's idempotency key and metadata <c>collection_id</c>, <c>barber_id</c>, <c>attempt</c>,
/// <c>purpose=commission_collection</c>. A decline or refusal is a failed <see cref="CollectionChargeOutcome"/>; a
/// timeout, 5xx, 429 or a key still in use throws <see cref="CollectionChargeUnavailableException"/> (try again later).
/// </summary>
public interface ICollectionChargeGateway
{
    /// <summary>An account debit: a charge on the platform whose source is the barber's Connect account.</summary>
    Task<CollectionChargeOutcome> DebitConnectAccountAsync(CollectionCharge charge, string connectAccountId, CancellationToken cancellationToken);

    /// <summary>An off-session PaymentIntent, confirmed at once, on the barber's saved card.</summary>
    Task<CollectionChargeOutcome> ChargeSavedCardAsync(CollectionCharge charge, string customerId, string paymentMethodId, CancellationToken cancellationToken);

    /// <summary>Every charge Stripe holds for the collection (any attempt), found by its metadata.</summary>
    Task<IReadOnlyList<CollectionChargeRecord>> FindChargesAsync(long collectionId, CancellationToken cancellationToken);
}
