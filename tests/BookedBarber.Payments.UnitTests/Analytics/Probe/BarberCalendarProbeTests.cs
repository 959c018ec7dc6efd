using BookedBarber.Payments.Analytics.Rollups;

namespace BookedBarber.Payments.UnitTests.Analytics.Probe;

/// <summary>
/// A local day's instants and the day of an instant agree in every zone, across DST changes — including zones whose
/// clocks go back over midnight, where midnight happens twice.
/// </summary>
public sealed class BarberCalendarProbeTests
{
    [Theory]
    [InlineData("America/New_York")]
    [InlineData("Atlantic/Azores")]      // back from 01:00 to 00:00: midnight twice
    [InlineData("America/Santiago")]     // forward over midnight: no midnight
    [InlineData("America/Havana")]
    [InlineData("Australia/Lord_Howe")]  // half-hour DST
    [InlineData("Asia/Beirut")]
    [InlineData("Pacific/Auckland")]
    public void Every_instant_lies_within_the_local_day_it_falls_on(string zoneId)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        var calendar = new BarberCalendar(1, zone, DateTimeOffset.UtcNow);
        var wrong = new List<string>();
        for (var at = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero); at.Year < 2027; at = at.AddMinutes(15))
        {
            var day = calendar.DayOf(at);
            if (calendar.StartOf(day) > at || calendar.EndOf(day) <= at)
                wrong.Add($"{at:O} is on {day} but that day is {calendar.StartOf(day):O}..{calendar.EndOf(day):O}");
        }
        Assert.Empty(wrong);
    }

    [Fact]
    public void A_payment_at_01_30_on_the_fall_back_day_belongs_to_that_day_which_is_25_hours_long()
    {
        var calendar = new BarberCalendar(1, TimeZoneInfo.FindSystemTimeZoneById("America/New_York"), DateTimeOffset.UtcNow);
        var day = new DateOnly(2026, 11, 1);
        Assert.Equal(day, calendar.DayOf(DateTimeOffset.Parse("2026-11-01T05:30:00Z")));  // 01:30 EDT, the first time
        Assert.Equal(day, calendar.DayOf(DateTimeOffset.Parse("2026-11-01T06:30:00Z")));  // 01:30 EST, the second time
        Assert.Equal(DateTimeOffset.Parse("2026-11-01T04:00:00Z"), calendar.StartOf(day));
        Assert.Equal(TimeSpan.FromHours(25), calendar.EndOf(day) - calendar.StartOf(day));
    }
}
