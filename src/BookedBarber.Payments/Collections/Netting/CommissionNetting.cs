namespace BookedBarber.Payments.Collections;

/// <summary>
/// Netting: outstanding commission taken through the application fee of the barber's next centralized payments.
/// SKELETON — the netting helper implements reservations and settlement (see /work/wt/briefs11/DESIGN.md).
/// </summary>
public sealed class CommissionNetting(CollectionStore store, TimeProvider clock)
{
    /// <summary>
    /// Stops netting into the collection at its due date, so the rest can be charged. Returns the closed collection, or
    /// null while a payment that reserved part of it is still in flight (try again shortly).
    /// </summary>
    public Task<CommissionCollection?> CloseAsync(int barberId, string rowKey, CancellationToken cancellationToken) =>
        store.UpdateAsync(barberId, rowKey, c => c is null || c.NettingClosed ? c : c with { NettingClosed = true, UpdatedAt = clock.GetUtcNow() }, cancellationToken);
}
