namespace BookedBarber.Payments.Ledger;

/// <summary>
/// Told after a write changed what a barber's ledger holds for payments made in [from, to] (a payment settled, refunded
/// or disputed; outside transactions stored; a collection's status moved): analytics keep their rollups up to date
/// from it. Implementations must be cheap and must not throw (a payment never fails for them).
/// </summary>
public interface ILedgerChangeListener
{
    Task ChangedAsync(int barberId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);
}
