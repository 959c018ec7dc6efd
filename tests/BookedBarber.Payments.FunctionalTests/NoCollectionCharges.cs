using BookedBarber.Payments.Collections;

namespace BookedBarber.Payments.FunctionalTests;

/// <summary>A processor that holds no collection charges and takes none (building tests never charge).</summary>
public sealed class NoCollectionCharges : ICollectionChargeGateway
{
    public Task<CollectionChargeOutcome> DebitConnectAccountAsync(CollectionCharge charge, string connectAccountId, CancellationToken cancellationToken) =>
        throw new CollectionChargeUnavailableException("No processor in this test.");

    public Task<CollectionChargeOutcome> ChargeSavedCardAsync(CollectionCharge charge, string customerId, string paymentMethodId, CancellationToken cancellationToken) =>
        throw new CollectionChargeUnavailableException("No processor in this test.");

    public Task<IReadOnlyList<CollectionChargeRecord>> FindChargesAsync(long collectionId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<CollectionChargeRecord>>([]);
}
