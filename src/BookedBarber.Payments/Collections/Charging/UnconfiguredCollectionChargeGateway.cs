namespace BookedBarber.Payments.Collections;

/// <summary>
/// Stands in until a real gateway is registered (the Stripe one replaces it): every call is "Stripe unavailable", so a
/// charge stays processing and nothing is ever recorded as collected or failed by mistake.
/// </summary>
public sealed class UnconfiguredCollectionChargeGateway : ICollectionChargeGateway
{
    public Task<CollectionChargeOutcome> DebitConnectAccountAsync(CollectionCharge charge, string connectAccountId, CancellationToken cancellationToken) =>
        throw Unavailable();

    public Task<CollectionChargeOutcome> ChargeSavedCardAsync(CollectionCharge charge, string customerId, string paymentMethodId, CancellationToken cancellationToken) =>
        throw Unavailable();

    public Task<IReadOnlyList<CollectionChargeRecord>> FindChargesAsync(long collectionId, CancellationToken cancellationToken) => throw Unavailable();

    private static CollectionChargeUnavailableException Unavailable() => new("No collection charge gateway is configured.");
}
