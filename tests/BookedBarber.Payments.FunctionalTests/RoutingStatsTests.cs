using BookedBarber.Payments.Ledger;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using BookedBarber.Payments.Amounts;
using BookedBarber.Payments.Processing;
using BookedBarber.Payments.Security;
using Microsoft.Extensions.DependencyInjection;
using Cash = BookedBarber.Payments.Amounts.Money;

namespace BookedBarber.Payments.FunctionalTests;

/// <summary>
/// GET /hybrid-payments/routing-stats/{barber_id}: figures read from the daily rollups of the ledger (payments taken
/// through the real process endpoint and simulators, and those sync brought in). Each test has a host of its own, so
/// every count is exact.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class RoutingStatsTests(AzuriteFixture azurite)
{
    /// <summary>Pays a fresh appointment of the barber and checks the process endpoint's status and routing decision.</summary>
    private static async Task Pay(ApiHost host, int barberId, decimal amount, string card, int status, string? decision = null,
        string? platformCard = null, string? preference = null)
    {
        var appointment = await host.NewAppointmentAsync(barberId, amount);
        var response = await host.ProcessAsync(barberId, Payments.Body(appointment, card, platformCard, preference, amount));
        var body = await ApiAssert.Json(response, status);
        if (decision is not null) Assert.Equal(decision, body.GetProperty("routing_decision").GetString());
    }

    private static Task<HttpResponseMessage> Stats(ApiHost host, int barberId, string? query = null, string? token = null) =>
        host.GetAsync($"hybrid-payments/routing-stats/{barberId}{query}", token ?? host.BarberToken(barberId));

    /// <summary>Null figures are left out of the body by the API's JSON options; either way they have no value.</summary>
    private static bool IsAbsent(JsonElement parent, string name) =>
        !parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null;

    private static void AssertBucket(JsonElement breakdown, string decision, int count, string percentage, string volume)
    {
        var bucket = breakdown.GetProperty(decision);
        Assert.Equal((decision, count, percentage, volume),
            (decision, bucket.GetProperty("count").GetInt32(), bucket.GetProperty("percentage").GetRawText(), bucket.GetProperty("total_volume").GetRawText()));
    }

    private static string Seconds(IEnumerable<PaymentAttempt> completed)
    {
        var ms = completed.Select(a => (decimal)a.DurationMs!.Value).ToList();
        return decimal.Round(ms.Sum() / ms.Count / 1000m, 1, MidpointRounding.AwayFromZero).ToString("0.0", CultureInfo.InvariantCulture) + "s";
    }

    [Fact]
    public async Task EveryFigure_IsComputedFromTheBarbersPayments()
    {
        await using var host = await ApiHost.StartAsync(azurite);

        // Barber 1 (hybrid, 20% commission, Square at 2.9% + 10¢):
        await Pay(host, 1, 75.00m, "cnon:card-nonce-ok", 200, "external");                              // fee 2.28; Stripe would charge 2.48
        await Pay(host, 1, 120.00m, "cnon:card-nonce-ok", 200, "external");                             // fee 3.58; Stripe would charge 3.78
        await Pay(host, 1, 50.00m, "cnon:card-nonce-declined", 422, null);                              // declined
        await Pay(host, 1, 75.00m, "tok_visa", 200, "centralized", preference: "platform");             // fee 2.48, commission 15.00 collected
        host.Simulators.Square.Outage = true;
        await Pay(host, 1, 40.00m, "cnon:card-nonce-ok", 502, null);                                    // failed: Square down, no platform card
        await Pay(host, 1, 60.00m, "cnon:card-nonce-ok", 200, "fallback", platformCard: "tok_visa");    // fee 2.04, commission 12.00 collected
        host.Simulators.Square.Outage = false;

        // A payment still in flight is not counted; one from 40 days ago is outside the default 30-day period.
        var ledger = host.Services.GetRequiredService<PaymentLedger>();
        var now = DateTimeOffset.UtcNow;
        await ledger.BeginAsync(new PaymentAttempt("pendingstats0000000000001", 1, 6901, new Cash(9900, Currency.Usd), "external", "square", null,
            AttemptStatus.Pending, new Cash(297, Currency.Usd), new Cash(1980, Currency.Usd), false, "stats-pending:x", now.AddSeconds(-1)), default);
        var old = new PaymentAttempt("oldstats00000000000000001", 1, 6902, new Cash(1000, Currency.Usd), "external", "square", null,
            AttemptStatus.Pending, new Cash(39, Currency.Usd), new Cash(200, Currency.Usd), false, "stats-old:x", now.AddDays(-40));
        await ledger.BeginAsync(old, default);
        await ledger.SettleAsync(old with { Status = AttemptStatus.Completed, ProcessorPaymentId = "sq-old", ProcessedAt = now.AddDays(-40), DurationMs = 900 }, default);

        var body = await ApiAssert.Json(await Stats(host, 1), 200);

        // The seed synced four payments taken at the chair on barber 1's Square location in the last days (25.00 fee 0.75,
        // 18.00 fee 0.57, 45.00 fee 1.27, 42.00 fee 1.19): they are external payments too. The two external payments made
        // through the API are counted once each, as the outside transactions recorded for them, whose Square fee is not
        // known until the next sync (Square computes it later), so they add no fee and no saving yet.
        Assert.Equal((1, 30, 10), (body.GetProperty("barber_id").GetInt32(), body.GetProperty("period_days").GetInt32(), body.GetProperty("total_payments").GetInt32()));
        var breakdown = body.GetProperty("routing_breakdown");
        AssertBucket(breakdown, "centralized", 1, "10.0", "75.00");
        AssertBucket(breakdown, "external", 8, "80.0", "325.00");
        AssertBucket(breakdown, "fallback", 1, "10.0", "60.00");

        var rates = body.GetProperty("success_rates");
        Assert.Equal(("100.0", "75.0", "80.0"),
            (rates.GetProperty("centralized").GetRawText(), rates.GetProperty("external").GetRawText(), rates.GetProperty("overall").GetRawText()));

        // Times are those of our API's calls (synced payments have none).
        var recorded = await ledger.ListAsync(1, now.AddDays(-30), DateTimeOffset.UtcNow, default);
        var completed = recorded.Where(a => a.Status == AttemptStatus.Completed).ToList();
        var times = body.GetProperty("average_processing_times");
        Assert.Equal(Seconds(completed.Where(a => a.Decision is "centralized" or "fallback")), times.GetProperty("centralized").GetString());
        Assert.Equal(Seconds(completed.Where(a => a.Decision == "external")), times.GetProperty("external").GetString());
        Assert.Matches(@"^\d+\.\ds$", times.GetProperty("external").GetString());

        var fees = body.GetProperty("fee_comparison");
        // saved: what Stripe (2.9% + 30¢) would have charged for the four synced payments less Square's fee:
        // (1.03 − 0.75) + (0.82 − 0.57) + (1.61 − 1.27) + (1.52 − 1.19) = 1.20; mean fee 8.30 / 8 succeeded = 1.0375 → 1.04;
        // commission deducted at charge 15.00 + 12.00.
        Assert.Equal(("1.20", "1.04", "27.00"),
            (fees.GetProperty("total_fees_saved").GetRawText(), fees.GetProperty("average_processing_fee").GetRawText(), fees.GetProperty("commission_collected").GetRawText()));

        // 41 local days reach the old payment (an attempt completed on Square with no outside transaction recorded: it
        // counts as itself): 11 payments, 9 external (10.00 more volume, 0.59 − 0.39 = 0.20 more saved).
        var longer = await ApiAssert.Json(await Stats(host, 1, "?days=41"), 200);
        Assert.Equal((41, 11), (longer.GetProperty("period_days").GetInt32(), longer.GetProperty("total_payments").GetInt32()));
        AssertBucket(longer.GetProperty("routing_breakdown"), "external", 9, "81.8", "335.00");
        AssertBucket(longer.GetProperty("routing_breakdown"), "centralized", 1, "9.1", "75.00");
        Assert.Equal(("77.8", "81.8"), (longer.GetProperty("success_rates").GetProperty("external").GetRawText(), longer.GetProperty("success_rates").GetProperty("overall").GetRawText()));
        Assert.Equal(("1.40", "0.97"), // mean (8.30 + 0.39) / 9 = 0.9656 → 0.97
            (longer.GetProperty("fee_comparison").GetProperty("total_fees_saved").GetRawText(), longer.GetProperty("fee_comparison").GetProperty("average_processing_fee").GetRawText()));

        // The shop owner sees the same figures.
        var owner = await ApiAssert.Json(await Stats(host, 1, token: host.Token(10, Roles.ShopOwner)), 200);
        Assert.Equal(body.GetRawText(), owner.GetRawText());
    }

    [Fact]
    public async Task ABarberWithNoPayments_HasZerosAndNoRatesOrTimes()
    {
        await using var host = await ApiHost.StartAsync(azurite);

        var body = await ApiAssert.Json(await Stats(host, 2, "?days=7", host.Token(10, Roles.ShopOwner)), 200);

        Assert.Equal((2, 7, 0), (body.GetProperty("barber_id").GetInt32(), body.GetProperty("period_days").GetInt32(), body.GetProperty("total_payments").GetInt32()));
        foreach (var decision in new[] { "centralized", "external", "fallback" })
            AssertBucket(body.GetProperty("routing_breakdown"), decision, 0, "0.0", "0.00");
        var rates = body.GetProperty("success_rates");
        Assert.True(IsAbsent(rates, "centralized") && IsAbsent(rates, "external") && IsAbsent(rates, "overall"), rates.GetRawText());
        var times = body.GetProperty("average_processing_times");
        Assert.True(IsAbsent(times, "centralized") && IsAbsent(times, "external"), times.GetRawText());
        var fees = body.GetProperty("fee_comparison");
        Assert.Equal(("0.00", "0.00", "0.00"),
            (fees.GetProperty("total_fees_saved").GetRawText(), fees.GetProperty("average_processing_fee").GetRawText(), fees.GetProperty("commission_collected").GetRawText()));
    }

    [Fact]
    public async Task OnlyCentralizedPayments_HaveNoExternalRateOrTime()
    {
        await using var host = await ApiHost.StartAsync(azurite);
        await Pay(host, 2, 75.00m, "tok_visa", 200, "centralized");

        var body = await ApiAssert.Json(await Stats(host, 2), 200);

        Assert.Equal(1, body.GetProperty("total_payments").GetInt32());
        AssertBucket(body.GetProperty("routing_breakdown"), "centralized", 1, "100.0", "75.00");
        AssertBucket(body.GetProperty("routing_breakdown"), "external", 0, "0.0", "0.00");
        Assert.Equal("100.0", body.GetProperty("success_rates").GetProperty("centralized").GetRawText());
        Assert.True(IsAbsent(body.GetProperty("success_rates"), "external"));
        Assert.Matches(@"^\d+\.\ds$", body.GetProperty("average_processing_times").GetProperty("centralized").GetString());
        Assert.True(IsAbsent(body.GetProperty("average_processing_times"), "external"));
        Assert.Equal(("0.00", "2.48", "15.00"), (body.GetProperty("fee_comparison").GetProperty("total_fees_saved").GetRawText(),
            body.GetProperty("fee_comparison").GetProperty("average_processing_fee").GetRawText(), body.GetProperty("fee_comparison").GetProperty("commission_collected").GetRawText()));
    }

    [Theory]
    [InlineData("?days=0")]
    [InlineData("?days=400")]
    [InlineData("?days=366")]
    [InlineData("?days=abc")]
    [InlineData("?days=-1")]
    [InlineData("?days=1.5")]
    [InlineData("?days=")]
    public async Task ADaysOutside1To365_Is400(string query)
    {
        var host = azurite.Shared;
        var error = await ApiAssert.Error(await Stats(host, 1, query), 400, "VALIDATION_ERROR");
        Assert.Equal("days", error.GetProperty("details").GetProperty("field").GetString());
    }

    [Theory]
    [InlineData("?days=1")]
    [InlineData("?days=365")]
    public async Task TheBoundsOfDays_AreAccepted(string query)
    {
        var body = await ApiAssert.Json(await Stats(azurite.Shared, 1, query), 200);
        Assert.Equal(int.Parse(query["?days=".Length..], CultureInfo.InvariantCulture), body.GetProperty("period_days").GetInt32());
    }

    [Theory]
    [InlineData(1, Roles.Barber, 2)]
    [InlineData(10, Roles.ShopOwner, 3)]
    [InlineData(21, Roles.EnterpriseOwner, 1)]
    public async Task AnotherTenantsBarber_Is404(int userId, string role, int barberId)
    {
        var host = azurite.Shared;
        await ApiAssert.Error(await Stats(host, barberId, token: host.Token(userId, role)), 404, "NOT_FOUND");
    }
}
