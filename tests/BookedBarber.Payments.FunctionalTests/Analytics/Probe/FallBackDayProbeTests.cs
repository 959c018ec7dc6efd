using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace BookedBarber.Payments.FunctionalTests.Analytics.Probe;

/// <summary>
/// Barber 2's shop counts days in America/New_York. On 2026-11-01 clocks go back at 02:00 EDT, so 01:30 happens twice and
/// the day is 25 hours long: a payment at either 01:30 belongs to that day, one at 23:50 the evening before does not.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class FallBackDayProbeTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Payments_at_both_01_30s_of_the_fall_back_day_are_counted_on_that_day_and_the_ledger_agrees()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-01T03:50:00Z"));   // 23:50 EDT on Oct 31
        await using var host = await ApiHost.StartAsync(azurite, services: s => s.AddSingleton<TimeProvider>(clock));
        foreach (var at in new[] { "2026-11-01T03:50:00Z", "2026-11-01T04:30:00Z", "2026-11-01T05:30:00Z", "2026-11-01T06:30:00Z" })
        {
            clock.SetUtcNow(DateTimeOffset.Parse(at));
            var appointment = await host.NewAppointmentAsync(2);
            await ApiAssert.Json(await host.ProcessAsync(2, Payments.Body(appointment, "tok_visa")), 200);
        }

        clock.SetUtcNow(DateTimeOffset.Parse("2026-11-02T04:30:00Z"));   // 23:30 EST, still Nov 1
        var token = host.BarberToken(2);
        var today = (await ApiAssert.Json(await host.GetAsync("unified-payment-analytics/dashboard", token), 200)).GetProperty("today");
        Assert.Equal((3, 225.00m), (today.GetProperty("total_transactions").GetInt32(), today.GetProperty("total_volume").GetDecimal()));

        var week = await ApiAssert.Json(await host.GetAsync("unified-payment-analytics/analytics?period=7_days", token), 200);
        Assert.Equal(4, week.GetProperty("combined_metrics").GetProperty("total_transactions").GetInt32());
        Assert.Equal(300.00m, week.GetProperty("combined_metrics").GetProperty("total_volume").GetDecimal());
        Assert.Equal("2026-10-26T04:00:00Z", week.GetProperty("date_range").GetProperty("start").GetString());
        Assert.Equal("2026-11-02T04:59:59Z", week.GetProperty("date_range").GetProperty("end").GetString());

        // One minute past local midnight of Nov 2 the day is new and empty.
        clock.SetUtcNow(DateTimeOffset.Parse("2026-11-02T05:01:00Z"));
        today = (await ApiAssert.Json(await host.GetAsync("unified-payment-analytics/dashboard", host.BarberToken(2)), 200)).GetProperty("today");
        Assert.Equal(0, today.GetProperty("total_transactions").GetInt32());

        var check = await ApiAssert.Json(await host.GetAsync("internal/analytics/check?barber_id=2", host.AdminToken()), 200);
        Assert.Empty(check.GetProperty("findings").EnumerateArray());
    }
}
