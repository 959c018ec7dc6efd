using NCrontab;

namespace BookedBarber.Payments.Sync;

/// <summary>When the hourly sync runs next (the <see cref="TransactionSyncJob"/> schedule, six-field NCRONTAB in UTC).</summary>
public sealed class SyncSchedule(string? expression)
{
    private readonly CrontabSchedule _schedule = CrontabSchedule.Parse(
        expression is { Length: > 0 } configured ? configured : TransactionSyncJob.DefaultSchedule, new CrontabSchedule.ParseOptions { IncludingSeconds = true });

    public DateTimeOffset NextAfter(DateTimeOffset now) =>
        new(DateTime.SpecifyKind(_schedule.GetNextOccurrence(now.UtcDateTime), DateTimeKind.Utc));
}
