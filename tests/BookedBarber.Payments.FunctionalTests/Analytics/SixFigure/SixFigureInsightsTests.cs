using System.Text.Json;
using System.Text.Json.Nodes;
using BookedBarber.DevHost;
using BookedBarber.Payments.Analytics.Peers;
using BookedBarber.Payments.Analytics.Rollups;
using BookedBarber.Payments.Security;
using Microsoft.Extensions.DependencyInjection;

namespace BookedBarber.Payments.FunctionalTests.Analytics.SixFigure;

/// <summary>
/// GET /unified-payment-analytics/six-figure-insights over payments taken through the real process endpoint: every
/// figure follows from them, the settings and the peers' month rows; a barber without payments gets zeros and nulls.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class SixFigureInsightsTests(AzuriteFixture azurite)
{
    private const string Path = "unified-payment-analytics/six-figure-insights";
    private const decimal DaysPerMonth = 365.25m / 12m;
    private static int _nextAppointment = 700_000;

    private static async Task<decimal> PayAsync(ApiHost host, int barberId, int clientId, string service, decimal amount)
    {
        var id = Interlocked.Increment(ref _nextAppointment);
        var appointment = new JsonObject
        {
            ["barber_id"] = barberId, ["client_id"] = clientId, ["service_name"] = service,
            ["start_time"] = DateTimeOffset.UtcNow.AddHours(-2).ToString("yyyy-MM-ddTHH:mm:ssZ"), ["price"] = amount, ["currency"] = "USD",
        };
        await ApiAssert.Json(await host.SendAsync(HttpMethod.Put, $"internal/booking/appointments/{id}", host.AdminToken(), appointment.ToJsonString()), 201);
        var paid = await ApiAssert.Json(await host.ProcessAsync(barberId, Payments.Body(id, "tok_visa", amount: amount)), 200);
        Assert.Equal("centralized", paid.GetProperty("routing_decision").GetString());
        return amount - paid.GetProperty("processing_fee").GetDecimal() - paid.GetProperty("commission_amount").GetDecimal();
    }

    private static decimal Round(decimal value, int places = 2) => decimal.Round(value, places, MidpointRounding.AwayFromZero);

    [Fact]
    public async Task ABarberWithoutPayments_GetsZerosAndNulls_NeverInventedFigures()
    {
        await using var host = await ApiHost.StartAsync(azurite);
        var insights = await ApiAssert.Json(await host.GetAsync(Path, host.BarberToken(3)), 200);

        Assert.Equal("""{"enrolled":false,"tier":null,"start_date":null,"current_phase":null}""", insights.GetProperty("program_status").GetRawText());
        var tracking = insights.GetProperty("revenue_tracking");
        Assert.Equal((100000m, 0m, 8333.33m, 0m, 0m), (tracking.GetProperty("annual_target").GetDecimal(), tracking.GetProperty("current_annual_pace").GetDecimal(),
            tracking.GetProperty("monthly_target").GetDecimal(), tracking.GetProperty("current_monthly_average").GetDecimal(), tracking.GetProperty("progress_percentage").GetDecimal()));
        Assert.Equal(JsonValueKind.Null, tracking.GetProperty("months_to_target").ValueKind);
        Assert.All(insights.GetProperty("key_metrics").EnumerateObject(), m => Assert.Equal(JsonValueKind.Null, m.Value.ValueKind));
        Assert.Empty(insights.GetProperty("growth_recommendations").EnumerateArray());
        var milestones = insights.GetProperty("milestone_tracking");
        Assert.Equal((0, 12), (milestones.GetProperty("milestones_achieved").GetInt32(), milestones.GetProperty("milestones_total").GetInt32()));
        Assert.Equal("""{"name":"First Payment","target_value":1,"current_value":0,"progress":0,"estimated_completion":null}""",
            milestones.GetProperty("next_milestone").GetRawText());
        Assert.All(insights.GetProperty("peer_comparison").EnumerateObject(), m => Assert.Equal(JsonValueKind.Null, m.Value.ValueKind));
    }

    [Fact]
    public async Task EveryFigure_FollowsFromThePaymentsTheSettingsAndThePeers()
    {
        await using var host = await ApiHost.StartAsync(azurite);
        // Barber 2 (centralized): three clients today, two haircuts and a beard package.
        var net = await PayAsync(host, 2, 501, "Haircut", 40.00m) + await PayAsync(host, 2, 502, "Haircut", 40.00m)
            + await PayAsync(host, 2, 503, "Beard package", 100.00m);
        await ApiAssert.Json(await host.SendAsync(HttpMethod.Put, "unified-payment-analytics/six-figure-settings", host.BarberToken(2),
            """{"enrolled": true, "start_date": "2025-06-01T00:00:00Z", "annual_target": 60000}"""), 200);
        // Five other barbers last month, averaging 200 a payment; the barber earned nothing last month.
        // The barber's days are their shop's (the demo world's shop 1 counts in New York).
        var today = (await host.Services.GetRequiredService<RollupReader>().CalendarAsync(2, default)).Today;
        var lastMonth = new DateOnly(today.Year, today.Month, 1).AddMonths(-1).ToString("yyyy-MM");
        var peers = host.Services.GetRequiredService<PeerMonthStore>();
        foreach (var b in new[] { 11, 12, 13, 14, 15 })
            await peers.PutAsync(new PeerMonth(lastMonth, b, "USD", 5, 5, 1000m, 800m + b, 200m, 5, DateTimeOffset.UtcNow), default);

        var insights = await ApiAssert.Json(await host.GetAsync(Path + "?barber_id=2", host.Token(DemoWorld.ShopOwnerId, Roles.ShopOwner)), 200);

        var monthly = Round(net / 90m * DaysPerMonth);
        var pace = Round(monthly * 12m);
        var tracking = insights.GetProperty("revenue_tracking");
        Assert.Equal((60000m, pace, 5000.00m, monthly, Round(pace / 60000m * 100m, 1)),
            (tracking.GetProperty("annual_target").GetDecimal(), tracking.GetProperty("current_annual_pace").GetDecimal(), tracking.GetProperty("monthly_target").GetDecimal(),
             tracking.GetProperty("current_monthly_average").GetDecimal(), tracking.GetProperty("progress_percentage").GetDecimal()));
        // Nothing in the 90 days before: growing from zero, so a linear estimate exists.
        var growth = monthly / (90m / DaysPerMonth);
        Assert.Equal(Round((5000m - monthly) / growth, 1), tracking.GetProperty("months_to_target").GetDecimal());

        var status = insights.GetProperty("program_status");
        Assert.Equal((true, "foundation", "2025-06-01T00:00:00Z", "growth"), (status.GetProperty("enrolled").GetBoolean(), status.GetProperty("tier").GetString(),
            status.GetProperty("start_date").GetString(), status.GetProperty("current_phase").GetString()));

        var metrics = insights.GetProperty("key_metrics");
        Assert.Equal(Round(net / 3m), metrics.GetProperty("average_client_value").GetDecimal());
        Assert.Equal(JsonValueKind.Null, metrics.GetProperty("client_retention_rate").ValueKind); // nobody paid in the 90 days before
        Assert.Equal(55.6m, metrics.GetProperty("service_mix_optimization").GetDecimal());       // the beard package: 100 of 180 booked
        Assert.Equal(30.0m, metrics.GetProperty("pricing_power_index").GetDecimal());            // 60 average against the peers' 200
        Assert.Equal(Round(net / 180m * 100m, 1), metrics.GetProperty("operational_efficiency").GetDecimal());

        var pricing = insights.GetProperty("growth_recommendations").EnumerateArray().Single(r => r.GetProperty("category").GetString() == "pricing");
        Assert.Contains("pricing power index 30.0", pricing.GetProperty("recommendation").GetString());
        Assert.Equal($"${Round((200m - 60m) * 3 * DaysPerMonth / 90m, 0)}/month", pricing.GetProperty("impact").GetString());

        var milestones = insights.GetProperty("milestone_tracking");
        Assert.Equal(1, milestones.GetProperty("milestones_achieved").GetInt32());
        var next = milestones.GetProperty("next_milestone");
        Assert.Equal(("10 Clients", 3m, 30.0m), (next.GetProperty("name").GetString(), next.GetProperty("current_value").GetDecimal(), next.GetProperty("progress").GetDecimal()));
        Assert.Equal(today.AddDays(210).ToString("yyyy-MM-dd"), next.GetProperty("estimated_completion").GetString());

        var peerComparison = insights.GetProperty("peer_comparison");
        Assert.Equal((0.0m, "developing"), (peerComparison.GetProperty("revenue_percentile").GetDecimal(), peerComparison.GetProperty("market_position").GetString()));
        Assert.Equal(JsonValueKind.Null, peerComparison.GetProperty("efficiency_percentile").ValueKind); // no payments last month
        Assert.Equal(JsonValueKind.Null, peerComparison.GetProperty("growth_rate_percentile").ValueKind);

        // Another barber may not look; nor may the owner of another shop.
        await ApiAssert.Error(await host.GetAsync(Path + "?barber_id=2", host.BarberToken(1)), 404, "NOT_FOUND");
        await ApiAssert.Error(await host.GetAsync(Path + "?barber_id=2", host.Token(DemoWorld.SecondShopOwnerId, Roles.ShopOwner)), 404, "NOT_FOUND");
    }
}
