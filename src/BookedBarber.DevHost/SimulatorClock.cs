namespace BookedBarber.DevHost;

/// <summary>
/// The simulators' clock: real time, except while the demo history is made, when it follows the history's clock, so a
/// payment taken "back then" at the Square or Stripe simulator carries that time, as it would at the real processor
/// (a sync that later brings a declined history payment in then finds it on the day of the attempt that made it).
/// </summary>
public sealed class SimulatorClock : TimeProvider
{
    private TimeProvider? _following;

    public override DateTimeOffset GetUtcNow() => (Volatile.Read(ref _following) ?? System).GetUtcNow();

    /// <summary>Follows <paramref name="clock"/> until the returned scope is disposed.</summary>
    public IDisposable Follow(TimeProvider clock)
    {
        Volatile.Write(ref _following, clock);
        return new Scope(this);
    }

    private sealed class Scope(SimulatorClock owner) : IDisposable
    {
        public void Dispose() => Volatile.Write(ref owner._following, null);
    }
}
