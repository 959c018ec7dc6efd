namespace BookedBarber.Payments.Collections;

/// <summary>Production: collection runs are never interrupted on purpose.</summary>
public sealed class NoCollectionFaults : ICollectionFaults
{
    public void Before(string step) { }

    public void After(string step) { }
}
