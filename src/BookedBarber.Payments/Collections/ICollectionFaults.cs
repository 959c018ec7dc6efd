namespace BookedBarber.Payments.Collections;

/// <summary>Where a test injects a crash into a collection run (see <see cref="CollectionSteps"/>); throws to crash.</summary>
public interface ICollectionFaults
{
    void Before(string step);

    void After(string step);
}
