namespace BookedBarber.Payments.Ledger;

/// <summary>The listener of hosts that keep nothing up to date from ledger changes.</summary>
public sealed class NoLedgerChanges : ILedgerChangeListener
{
    public static readonly NoLedgerChanges Instance = new();

    public Task ChangedAsync(int barberId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) => Task.CompletedTask;
}
