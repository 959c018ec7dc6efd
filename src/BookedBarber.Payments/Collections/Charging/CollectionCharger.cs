namespace BookedBarber.Payments.Collections;

/// <summary>
/// Charges due collections, retries failed ones on the dunning schedule and settles stuck ones: SKELETON — the charger
/// helper implements it (see /work/wt/briefs11/DESIGN.md).
/// </summary>
public sealed class CollectionCharger
{
    /// <summary>Everything actionable for the barber now: due charges, scheduled retries, stuck sweeps (an operator run also charges what auto-collection leaves).</summary>
    public Task ActAsync(int barberId, bool operatorRun, CancellationToken cancellationToken) => Task.CompletedTask;
}
