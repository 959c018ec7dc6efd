namespace BookedBarber.Payments.Collections;

/// <summary>Where a barber's collection periods end (<c>commission_collection_frequency</c>), all at 00:00 UTC.</summary>
public static class CollectionPeriods
{
    public const string Daily = "daily";
    public const string Weekly = "weekly";
    public const string Monthly = "monthly";

    /// <summary>
    /// The end of the latest period that ended at or before <paramref name="now"/>: daily today 00:00, weekly the latest
    /// Monday 00:00, monthly the 1st 00:00. An unknown frequency counts as weekly (the configuration's default).
    /// </summary>
    public static DateTimeOffset LastEnd(string? frequency, DateTimeOffset now)
    {
        var today = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        return frequency switch
        {
            Daily => today,
            Monthly => new DateTimeOffset(today.Year, today.Month, 1, 0, 0, 0, TimeSpan.Zero),
            _ => today.AddDays(-(((int)today.DayOfWeek - (int)DayOfWeek.Monday + 7) % 7)),
        };
    }
}
