namespace BookedBarber.Payments.Analytics.Rollups;

/// <summary>A barber's days: their shop's time zone and, by the app's clock, now and today there.</summary>
public sealed record BarberCalendar(int BarberId, TimeZoneInfo Zone, DateTimeOffset Now)
{
    public DateOnly Today => DayOf(Now);

    /// <summary>The local day an instant falls on.</summary>
    public DateOnly DayOf(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Zone).DateTime);

    /// <summary>
    /// The instant a local day starts (its first valid local time, so a day starting in a DST gap still has one; when
    /// clocks go back over midnight, its first occurrence, the one <see cref="DayOf"/> already counts in this day).
    /// </summary>
    public DateTimeOffset StartOf(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        while (Zone.IsInvalidTime(local)) local = local.AddMinutes(15);
        var offset = Zone.IsAmbiguousTime(local) ? Zone.GetAmbiguousTimeOffsets(local).Max() : Zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }

    /// <summary>The period's date range as the responses give it: from the first day's start to the last day's last second.</summary>
    public AnalyticsDateRange RangeOf(DateOnly from, DateOnly to) => new(StartOf(from), EndOf(to).AddSeconds(-1));

    /// <summary>The instant after a local day's last moment: the start of the next day.</summary>
    public DateTimeOffset EndOf(DateOnly day) => StartOf(day.AddDays(1));
}
