using BookedBarber.Payments.Collections;

namespace BookedBarber.Payments.FunctionalTests.Collections;

/// <summary>Crashes a collection run once, before or after the named step (a crash after a gateway call is a lost response).</summary>
public sealed class CrashAt : ICollectionFaults
{
    public string? BeforeStep { get; set; }

    public string? AfterStep { get; set; }

    public void Before(string step)
    {
        if (step != BeforeStep) return;
        BeforeStep = null;
        throw new InvalidOperationException($"Injected crash before {step}.");
    }

    public void After(string step)
    {
        if (step != AfterStep) return;
        AfterStep = null;
        throw new InvalidOperationException($"Injected crash after {step}.");
    }
}
