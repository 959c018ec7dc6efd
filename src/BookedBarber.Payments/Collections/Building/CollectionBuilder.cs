namespace BookedBarber.Payments.Collections;

/// <summary>
/// Creates a barber's collection of what is open up to a cutoff: SKELETON — the builder helper implements it
/// (see /work/wt/briefs11/DESIGN.md).
/// </summary>
public sealed class CollectionBuilder
{
    /// <summary>Builds (or finishes building) the barber's collections up to <paramref name="cutoff"/>; returns the collections finished now.</summary>
    public Task<IReadOnlyList<CommissionCollection>> BuildAsync(int barberId, DateTimeOffset cutoff, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<CommissionCollection>>([]);
}
