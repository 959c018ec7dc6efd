namespace BookedBarber.Payments.Collections;

/// <summary>
/// When a failed collection is charged again on its own: after the n-th automatic failure (0 = the first charge), the
/// n-th entry of <see cref="CollectionSettings.Retries"/> days later; past the last entry it waits for an operator.
/// </summary>
public sealed class DunningSchedule(CollectionSettings settings)
{
    /// <summary>The next automatic retry after a failure at <paramref name="failedAt"/>, or null when dunning is exhausted.</summary>
    public DateTimeOffset? NextRetry(int automaticRetriesDone, DateTimeOffset failedAt) =>
        automaticRetriesDone >= 0 && automaticRetriesDone < settings.Retries.Count ? failedAt.AddDays(settings.Retries[automaticRetriesDone]) : null;
}
