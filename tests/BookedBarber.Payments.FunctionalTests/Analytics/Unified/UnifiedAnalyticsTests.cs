using System.Text.Json;
using BookedBarber.Payments.Security;

namespace BookedBarber.Payments.FunctionalTests.Analytics.Unified;

/// <summary>
/// GET /unified-payment-analytics/dashboard and /analytics: every figure computed from payments taken through the real
/// process endpoint and simulators (each test has a host of its own, so every figure is exact to the cent).
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class UnifiedAnalyticsTests(AzuriteFixture azurite)
{
    private static async Task<JsonElement> Pay(ApiHost host, int barberId, decimal amount, string card, int status, string? preference = null)
    {
        var appointment = await host.NewAppointmentAsync(barberId, amount);
        return await ApiAssert.Json(await host.ProcessAsync(barberId, Payments.Body(appointment, card, null, preference, amount)), status);
    }

    /// <summary>
    /// Barber 2 (demo: centralized, a Connect account, shop 1) turns hybrid with a Square location of their own (barber 1's
    /// demo data holds at-the-chair payments, so barber 2 starts from nothing), then pays (20% commission, Square at 2.9% +
    /// 10¢ whose fees settle later, the platform's Stripe at 2.9% + 30¢).
    /// </summary>
    private static async Task PayFourAsync(ApiHost host)
    {
        var token = $"EAAA-dash-{Guid.NewGuid():N}";
        var location = $"L-DASH-{Guid.NewGuid().ToString("N")[..8].ToUpperInvariant()}";
        host.Simulators.Square.AddMerchant(token, location, "Dash Cuts");
        var connection = JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["processor_type"] = "square", ["account_id"] = location,
            ["connection_config"] = new Dictionary<string, object?> { ["access_token"] = token, ["location_id"] = location },
        });
        var connectionId = (await ApiAssert.Json(await host.SendAsync(HttpMethod.Post, "external-payments/connections", host.BarberToken(2), connection), 201))
            .GetProperty("id").GetInt32();
        await ApiAssert.Json(await host.SendAsync(HttpMethod.Put, "hybrid-payments/config/2", host.AdminToken(),
            """{"payment_mode":"hybrid","preferred_processor":"square"}"""), 200);

        var first = await Pay(host, 2, 75.00m, "cnon:card-nonce-ok", 200);           // external: commission owed 15.00
        var second = await Pay(host, 2, 120.00m, "cnon:card-nonce-ok", 200);         // external: commission owed 24.00

        // Square's fees settle later (the simulator's 2.6% + 10¢: 2.05 and 3.22); a sync of the connection brings them in.
        host.Simulators.Square.SettleFees(first.GetProperty("payment_id").GetString()!);
        host.Simulators.Square.SettleFees(second.GetProperty("payment_id").GetString()!);
        await ApiAssert.Json(await host.SendAsync(HttpMethod.Post, $"external-payments/connections/{connectionId}/sync", host.BarberToken(2), "{}"), 200);

        await Pay(host, 2, 50.00m, "cnon:card-nonce-declined", 422);                 // external, declined
        await Pay(host, 2, 75.00m, "tok_visa", 200, preference: "platform");         // centralized: fee 2.48, commission 15.00 deducted
    }

    private static string Raw(JsonElement e, string name) => e.GetProperty(name).GetRawText();

    private static void AssertNull(JsonElement e, string name) => Assert.Equal(JsonValueKind.Null, e.GetProperty(name).ValueKind);

    [Fact]
    public async Task Analytics_ComputesEveryBlockFromTheLedger()
    {
        await using var host = await ApiHost.StartAsync(azurite);
        await PayFourAsync(host);

        var body = await ApiAssert.Json(await host.GetAsync("unified-payment-analytics/analytics?include_projections=true", host.BarberToken(2)), 200);

        Assert.Equal("30_days", body.GetProperty("period").GetString());
        var c = body.GetProperty("centralized_payments");
        Assert.Equal(("1", "75.00", "57.52", "100.0", "75.00", "2.48", "15.00"),
            (Raw(c, "total_transactions"), Raw(c, "total_volume"), Raw(c, "net_earnings"), Raw(c, "success_rate"), Raw(c, "average_transaction"),
             Raw(c, "processing_fees"), Raw(c, "commission_deducted")));
        var d = body.GetProperty("decentralized_payments");
        Assert.Equal(("3", "195.00", "66.7", "97.50", "5.27", "0.00"),
            (Raw(d, "total_transactions"), Raw(d, "total_volume"), Raw(d, "success_rate"), Raw(d, "average_transaction"),
             Raw(d, "external_processor_fees"), Raw(d, "commission_collected")));
        var k = body.GetProperty("commission_data");
        Assert.Equal(("39.00", "0.00", "39.00", "0.0", "\"weekly\""),
            (Raw(k, "total_amount"), Raw(k, "amount_collected"), Raw(k, "amount_pending"), Raw(k, "success_rate"), Raw(k, "collection_frequency")));
        // Take rate: (2.48 + 5.27 fees + 15.00 + 39.00 commission) / 270.00 = 22.87%.
        var m = body.GetProperty("combined_metrics");
        Assert.Equal(("4", "270.00", "208.25", "54.00", "75.0", "22.9"),
            (Raw(m, "total_transactions"), Raw(m, "total_volume"), Raw(m, "total_net_earnings"), Raw(m, "total_commission_activity"),
             Raw(m, "weighted_success_rate"), Raw(m, "effective_take_rate")));
        Assert.All(body.GetProperty("trend_analysis").EnumerateObject(), f => Assert.Equal(JsonValueKind.Null, f.Value.ValueKind));   // nothing in the previous 30 days
        // Efficiency: 57.52 / 75 = 76.7%; (195 − 5.27 − 39) / 195 = 77.3%: within two points, hybrid.
        var modes = body.GetProperty("mode_comparison");
        Assert.Equal(("76.7", "77.3", "\"hybrid\"", "27.8", "72.2"),
            (Raw(modes, "centralized_efficiency"), Raw(modes, "decentralized_efficiency"), Raw(modes, "optimal_mode"),
             Raw(modes.GetProperty("volume_distribution"), "centralized_percentage"), Raw(modes.GetProperty("volume_distribution"), "decentralized_percentage")));
        // Pace: 208.25 / 30 days × 30.4375 = 211.29 a month, 2,535.48 a year.
        var six = body.GetProperty("six_figure_insights");
        Assert.Equal(("100000", "8333.33", "211.29", "2.5", "2535.48", "97464.52"),
            (Raw(six, "target_annual_revenue"), Raw(six, "target_monthly_revenue"), Raw(six, "current_monthly_revenue"),
             Raw(six, "progress_percentage"), Raw(six, "projected_annual"), Raw(six, "gap_to_target")));
        Assert.NotEmpty(six.GetProperty("recommendations").EnumerateArray());
        Assert.Equal(
            [
                "Monitor your external processor: its success rate is 66.7% against 100.0% on the platform",
                "Only 0.0% of the commission owed (39.00 USD) was collected, 39.00 USD is pending: consider collecting more often than weekly",
            ],
            body.GetProperty("recommendations").EnumerateArray().Select(r => r.GetString()!).ToArray());
        var projections = body.GetProperty("projections");
        Assert.Equal("linear_trend_of_daily_net", projections.GetProperty("method").GetString());
        Assert.Equal(30, projections.GetProperty("basis_days").GetInt32());
        AssertNull(body, "shop_totals");

        // The shop's owner reads the same figures, and the shop's totals: barbers 1 and 2 together.
        var owner = await ApiAssert.Json(await host.GetAsync("unified-payment-analytics/analytics?barber_id=2&shop_id=1&include_six_figure_insights=false",
            host.Token(10, Roles.ShopOwner)), 200);
        Assert.Equal(m.GetRawText(), owner.GetProperty("combined_metrics").GetRawText());
        AssertNull(owner, "six_figure_insights");
        AssertNull(owner, "projections");
        var shop = owner.GetProperty("shop_totals");
        var one = (await ApiAssert.Json(await host.GetAsync("unified-payment-analytics/analytics?barber_id=1", host.Token(10, Roles.ShopOwner)), 200))
            .GetProperty("combined_metrics");
        Assert.Equal(("1", "[1,2]"), (Raw(shop, "shop_id"), Raw(shop, "barber_ids")));
        Assert.Equal(one.GetProperty("total_transactions").GetInt32() + 4, shop.GetProperty("total_transactions").GetInt32());
        Assert.Equal(one.GetProperty("total_volume").GetDecimal() + 270.00m, shop.GetProperty("total_volume").GetDecimal());
        Assert.Equal(one.GetProperty("total_net_earnings").GetDecimal() + 208.25m, shop.GetProperty("total_net_earnings").GetDecimal());

        // all_time starts on the day of the first payment: today.
        var all = await ApiAssert.Json(await host.GetAsync("unified-payment-analytics/analytics?period=all_time", host.BarberToken(2)), 200);
        Assert.Equal(m.GetRawText(), all.GetProperty("combined_metrics").GetRawText());
        var range = all.GetProperty("date_range");
        Assert.True(range.GetProperty("end").GetDateTimeOffset() - range.GetProperty("start").GetDateTimeOffset() < TimeSpan.FromHours(25));
    }

    [Fact]
    public async Task Dashboard_ShowsTodayMonthToDateOutstandingCommissionAndTheNewestPayments()
    {
        await using var host = await ApiHost.StartAsync(azurite);
        await PayFourAsync(host);

        var body = await ApiAssert.Json(await host.GetAsync("unified-payment-analytics/dashboard", host.BarberToken(2)), 200);

        var today = body.GetProperty("today");
        Assert.Equal(("4", "270.00", "208.25", "75.00", "195.00", "54.00"),
            (Raw(today, "total_transactions"), Raw(today, "total_volume"), Raw(today, "total_net_earnings"), Raw(today, "centralized_volume"),
             Raw(today, "external_volume"), Raw(today, "commission_activity")));
        var month = body.GetProperty("month_to_date");
        Assert.Equal(("4", "270.00", "208.25", "75.0", "90.00"),
            (Raw(month, "total_transactions"), Raw(month, "total_volume"), Raw(month, "total_net_earnings"), Raw(month, "success_rate"),
             Raw(month, "average_transaction")));

        // No collection yet; barber 1 has a Square connection: the weekly period ends next Monday 00:00 UTC, the 06:00 run collects.
        var outstanding = body.GetProperty("outstanding_commission");
        Assert.Equal(("0", "0.00"), (Raw(outstanding, "pending_collections"), Raw(outstanding, "total_amount")));
        var now = DateTimeOffset.UtcNow;
        var monday = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero).AddDays(-(((int)now.UtcDateTime.DayOfWeek + 6) % 7));
        Assert.Equal(monday.AddDays(7).AddHours(6), outstanding.GetProperty("next_collection_date").GetDateTimeOffset());

        // Newest first: the platform charge (no integer id), then the two Square payments; the declined one took nothing.
        var recent = body.GetProperty("recent_transactions").EnumerateArray().ToList();
        Assert.Equal(
            [("centralized", "stripe_platform", "completed", "75.00"), ("external", "square", "completed", "120.00"), ("external", "square", "completed", "75.00")],
            recent.Select(t => (t.GetProperty("payment_type").GetString(), t.GetProperty("processor").GetString(), t.GetProperty("status").GetString(), Raw(t, "amount"))).ToList());
        AssertNull(recent[0], "id");
        Assert.StartsWith("pi_", recent[0].GetProperty("payment_id").GetString());
        Assert.True(recent[1].GetProperty("id").GetInt64() > 0);
        var listed = await ApiAssert.Json(await host.GetAsync("external-payments/transactions?limit=1", host.BarberToken(2)), 200);
        Assert.Equal(listed.GetProperty("transactions")[0].GetProperty("id").GetInt64(), recent[1].GetProperty("id").GetInt64());
        Assert.True(body.GetProperty("last_updated").GetDateTimeOffset() > now.AddMinutes(-1));
    }

    [Fact]
    public async Task ABarberWithNoData_GetsZerosAndNulls()
    {
        await using var host = await ApiHost.StartAsync(azurite);
        var owner = host.Token(11, Roles.ShopOwner);

        var body = await ApiAssert.Json(await host.GetAsync("unified-payment-analytics/analytics?barber_id=3&period=7_days", owner), 200);
        Assert.Equal(("0", "0.00", "null", "null"),
            (Raw(body.GetProperty("combined_metrics"), "total_transactions"), Raw(body.GetProperty("combined_metrics"), "total_volume"),
             Raw(body.GetProperty("combined_metrics"), "weighted_success_rate"), Raw(body.GetProperty("combined_metrics"), "effective_take_rate")));
        AssertNull(body.GetProperty("centralized_payments"), "success_rate");
        AssertNull(body.GetProperty("commission_data"), "success_rate");
        Assert.All(body.GetProperty("trend_analysis").EnumerateObject(), f => Assert.Equal(JsonValueKind.Null, f.Value.ValueKind));
        AssertNull(body.GetProperty("mode_comparison"), "optimal_mode");
        Assert.Empty(body.GetProperty("recommendations").EnumerateArray());
        Assert.Equal("0.0", Raw(body.GetProperty("six_figure_insights"), "progress_percentage"));

        var dash = await ApiAssert.Json(await host.GetAsync("unified-payment-analytics/dashboard?barber_id=3", owner), 200);
        Assert.Equal("0", Raw(dash.GetProperty("today"), "total_transactions"));
        AssertNull(dash.GetProperty("month_to_date"), "success_rate");
        AssertNull(dash.GetProperty("month_to_date"), "average_transaction");
        // Nothing owed and no processor connection: no collection is coming.
        AssertNull(dash.GetProperty("outstanding_commission"), "next_collection_date");
        Assert.Empty(dash.GetProperty("recent_transactions").EnumerateArray());
    }

    [Theory]
    [InlineData("analytics?period=2_weeks", "period")]
    [InlineData("analytics?period=", "period")]
    [InlineData("analytics?include_projections=yes", "include_projections")]
    [InlineData("analytics?include_six_figure_insights=1", "include_six_figure_insights")]
    [InlineData("analytics?barber_id=abc", "barber_id")]
    [InlineData("dashboard?barber_id=0", "barber_id")]
    public async Task BadQueryValues_AreValidationErrors(string query, string field)
    {
        await using var host = await ApiHost.StartAsync(azurite);
        var error = await ApiAssert.Error(await host.GetAsync($"unified-payment-analytics/{query}", host.BarberToken(1)), 400, "VALIDATION_ERROR");
        Assert.Equal(field, error.GetProperty("details").GetProperty("field").GetString());
    }

    [Theory]
    [InlineData("analytics?barber_id=2", 1, Roles.Barber)]            // another barber
    [InlineData("dashboard?barber_id=1", 11, Roles.ShopOwner)]        // another shop's barber
    [InlineData("analytics?barber_id=999", 900, Roles.Admin)]         // a barber the booking platform does not know
    [InlineData("analytics?barber_id=1&shop_id=2", 10, Roles.ShopOwner)] // another owner's shop
    public async Task AnotherTenantsBarberOrShop_IsNotFound(string query, int user, string role)
    {
        await using var host = await ApiHost.StartAsync(azurite);
        await ApiAssert.Error(await host.GetAsync($"unified-payment-analytics/{query}", host.Token(user, role)), 404, "NOT_FOUND");
    }
}
