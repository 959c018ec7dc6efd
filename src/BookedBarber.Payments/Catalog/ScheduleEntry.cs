
namespace BookedBarber.Payments.Catalog;

/// <summary>A timer: a six-field NCRONTAB schedule bound from an app setting. Timers only put work on queues.</summary>
public sealed record ScheduleEntry(string Name, string Setting, string DefaultSchedule, string Description, Type JobType);
