using BookedBarber.Payments.Collections;

namespace BookedBarber.Payments.UnitTests;

/// <summary>Where a barber's collection period last ended: daily at midnight UTC, weekly on Monday, monthly on the 1st.</summary>
public sealed class CollectionPeriodsTests
{
    private static DateTimeOffset At(int month, int day, int hour = 0) => new(2026, month, day, hour, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("daily", 11, 30, 6, 11, 30)]   // Monday 06:00 → today 00:00
    [InlineData("weekly", 11, 30, 6, 11, 30)]  // a Monday → that Monday
    [InlineData("weekly", 11, 29, 23, 11, 23)] // Sunday → the Monday before
    [InlineData("weekly", 12, 2, 0, 11, 30)]   // Wednesday → Monday
    [InlineData("monthly", 11, 30, 6, 11, 1)]
    [InlineData("monthly", 12, 1, 0, 12, 1)]   // exactly at the end: that end
    [InlineData("fortnightly", 12, 2, 0, 11, 30)] // unknown counts as weekly (the default)
    public void LastEnd_IsTheLatestPeriodEndAtOrBeforeNow(string frequency, int month, int day, int hour, int endMonth, int endDay) =>
        Assert.Equal(At(endMonth, endDay), CollectionPeriods.LastEnd(frequency, At(month, day, hour)));

    [Fact]
    public void LastEnd_ReadsNowInUtc()
    {
        // Monday 01:00 in Berlin is still Sunday in UTC.
        var now = new DateTimeOffset(2026, 11, 30, 1, 0, 0, TimeSpan.FromHours(2));
        Assert.Equal(At(11, 23), CollectionPeriods.LastEnd("weekly", now));
        Assert.Equal(At(11, 29), CollectionPeriods.LastEnd("daily", now));
    }
}
