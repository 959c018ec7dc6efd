using BookedBarber.Payments.Collections;

namespace BookedBarber.Payments.FunctionalTests;

/// <summary>Crashes a collection run once, before or after the armed step (<c>before:build.first_batch</c>); after a step is a lost response.</summary>
public sealed class CrashAt : ICollectionFaults
{
    private readonly Lock _gate = new();
    private string? _armed;

    public void Arm(string point)
    {
        lock (_gate) _armed = point;
    }

    public void Before(string step) => Crash("before:" + step);

    public void After(string step) => Crash("after:" + step);

    private void Crash(string point)
    {
        lock (_gate)
        {
            if (_armed != point) return;
            _armed = null;
        }
        throw new InjectedCrashException(point);
    }
}

public sealed class InjectedCrashException(string point) : Exception($"Injected crash {point}.");
