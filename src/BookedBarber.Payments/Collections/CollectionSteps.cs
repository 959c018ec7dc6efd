namespace BookedBarber.Payments.Collections;

/// <summary>
/// Every storage step and processor call of a collection run goes through here by name, so the crash test can stop a
/// run before or after any one of them (a lost response is a failure after) and prove a re-run finishes it. In
/// production <see cref="ICollectionFaults"/> does nothing.
/// </summary>
public sealed class CollectionSteps(ICollectionFaults faults)
{
    public async Task<T> RunAsync<T>(string step, Func<Task<T>> action)
    {
        faults.Before(step);
        var result = await action();
        faults.After(step);
        return result;
    }

    public async Task RunAsync(string step, Func<Task> action)
    {
        faults.Before(step);
        await action();
        faults.After(step);
    }
}
