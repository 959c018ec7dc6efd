using BookedBarber.Payments.Collections;
using NCrontab;

namespace BookedBarber.Payments.Analytics.Dashboard;

/// <summary>When the <see cref="CommissionCollectionJob"/> timer runs (its six-field NCRONTAB setting, in UTC).</summary>
public sealed class CollectionScheduleClock(string? expression)
{
    private readonly CrontabSchedule _schedule = CrontabSchedule.Parse(
        expression is { Length: > 0 } configured ? configured : CommissionCollectionJob.DefaultSchedule, new CrontabSchedule.ParseOptions { IncludingSeconds = true });

    /// <summary>The first run at or after <paramref name="at"/>.</summary>
    public DateTimeOffset RunAtOrAfter(DateTimeOffset at) =>
        new(DateTime.SpecifyKind(_schedule.GetNextOccurrence(at.UtcDateTime.AddTicks(-1)), DateTimeKind.Utc));
}
