namespace BookedBarber.Payments.Collections;

/// <summary>
/// Invariant 3 (what Stripe holds for a collection agrees with its status): STUB on the builder's branch, returning no
/// problems — the charger helper implements it.
/// </summary>
public sealed class CollectionChargeAudit(ICollectionChargeGateway gateway)
{
    public Task<IReadOnlyList<string>> CheckAsync(CommissionCollection collection, CancellationToken cancellationToken)
    {
        _ = gateway;
        return Task.FromResult<IReadOnlyList<string>>([]);
    }
}
