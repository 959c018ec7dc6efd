using System.Text.Json;

namespace BookedBarber.Payments.FunctionalTests.Analytics.Probe;

/// <summary>
/// The smallest and largest annual targets the settings take, with and without payments, enrolled since the earliest
/// start or since now: every analytics answer is still a 200 with finite figures.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class ExtremeTargetProbeTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Tiny_and_huge_targets_never_break_the_analytics()
    {
        await using var host = await ApiHost.StartAsync(azurite);
        var appointment = await host.NewAppointmentAsync(2);
        await ApiAssert.Json(await host.ProcessAsync(2, Payments.Body(appointment, "tok_visa")), 200);
        var failures = new List<string>();
        foreach (var barber in new[] { 2, 3 })
        foreach (var (target, start) in new[] { ("0.01", "2000-01-01T00:00:00Z"), ("0.05", null), ("0.11", null), ("1", null), ("10000000", "2000-01-01T00:00:00Z"), ("10000000", null) })
        {
            var body = start is null ? $$"""{"annual_target":{{target}},"enrolled":true}""" : $$"""{"annual_target":{{target}},"enrolled":true,"start_date":"{{start}}"}""";
            await ApiAssert.Json(await host.SendAsync(HttpMethod.Put, "unified-payment-analytics/six-figure-settings", host.BarberToken(barber), body), 200);
            foreach (var path in new[] { "six-figure-insights", "analytics?period=all_time&include_projections=true", "analytics?period=7_days", "dashboard", "revenue-optimization" })
            {
                var response = await host.GetAsync($"unified-payment-analytics/{path}", host.BarberToken(barber));
                var text = await response.Content.ReadAsStringAsync();
                if ((int)response.StatusCode != 200) failures.Add($"barber {barber} target {target} {path}: {(int)response.StatusCode} {text[..Math.Min(300, text.Length)]}");
            }
        }
        Assert.Empty(failures);
    }
}
