using BookedBarber.Payments.Security;

namespace BookedBarber.Payments.FunctionalTests;

/// <summary>Route, test-routing and options over the demo world: barber 1 hybrid with Connect + Square, 2 centralized, 3 without a Connect account.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class RoutingTests(AzuriteFixture azurite)
{
    private readonly ApiHost _host = azurite.Shared;

    private Task<HttpResponseMessage> Post(string path, string json, string? token = null) =>
        _host.SendAsync(HttpMethod.Post, path, token ?? _host.BarberToken(2), json);

    [Fact]
    public async Task CentralizedBarber_RoutesToThePlatform_WithTheReferencesExactFees()
    {
        var body = await ApiAssert.Json(await Post("hybrid-payments/route", """{"appointment_id":22,"amount":75.00,"currency":"USD","client_preference":"platform"}"""), 200);

        Assert.Equal("centralized", body.GetProperty("routing_decision").GetString());
        Assert.Equal("platform", body.GetProperty("recommended_processor").GetString());
        var details = body.GetProperty("routing_details");
        Assert.Equal(("centralized", "stripe_platform", 20.0m), (details.GetProperty("payment_mode").GetString(), details.GetProperty("processor").GetString(), details.GetProperty("commission_rate").GetDecimal()));
        var fees = body.GetProperty("estimated_fees");
        Assert.Equal("2.48", fees.GetProperty("processing_fee").GetRawText());
        Assert.Equal("15.00", fees.GetProperty("commission_fee").GetRawText());
        Assert.Equal("17.48", fees.GetProperty("total_fees").GetRawText());
        Assert.Equal("57.52", fees.GetProperty("net_amount").GetRawText());
        Assert.Equal("Instant (real-time)", body.GetProperty("processing_time_estimate").GetString());
    }

    [Fact]
    public async Task HybridBarber_GoesToTheirSquare_UnlessTheClientPrefersThePlatform()
    {
        var external = await ApiAssert.Json(await Post("hybrid-payments/route", """{"appointment_id":6,"amount":75.00,"currency":"USD"}""", _host.BarberToken(1)), 200);
        Assert.Equal("external", external.GetProperty("routing_decision").GetString());
        Assert.Equal("square", external.GetProperty("recommended_processor").GetString());
        Assert.Equal("2.28", external.GetProperty("estimated_fees").GetProperty("processing_fee").GetRawText()); // 2.9% + 10¢ card-not-present
        Assert.True(external.GetProperty("routing_details").GetProperty("fallback_available").GetBoolean());

        var platform = await ApiAssert.Json(await Post("hybrid-payments/route", """{"appointment_id":6,"amount":75.00,"currency":"USD","client_preference":"platform"}""", _host.BarberToken(1)), 200);
        Assert.Equal("centralized", platform.GetProperty("routing_decision").GetString());
    }

    [Fact]
    public async Task ABarbersUsdThresholds_DoNotDecideAEuroPayment()
    {
        await using var host = await ApiHost.StartAsync(azurite);
        var barber = host.BarberToken(1);
        await ApiAssert.Json(await host.SendAsync(HttpMethod.Put, "hybrid-payments/config", barber, """{"split_threshold": 50.00}"""), 200);
        var dollars = await host.NewAppointmentAsync(1, 75.00m, "USD");
        var euros = await host.NewAppointmentAsync(1, 75.00m, "EUR");

        // 75.00 USD is at or above the barber's 50.00 USD split threshold: their Square.
        var usd = await ApiAssert.Json(await host.SendAsync(HttpMethod.Post, "hybrid-payments/route", barber, $$"""{"appointment_id":{{dollars}},"amount":75.00,"currency":"USD"}"""), 200);
        Assert.Equal(("external", "square"), (usd.GetProperty("routing_decision").GetString(), usd.GetProperty("recommended_processor").GetString()));

        // 75.00 EUR is not compared with USD thresholds (compared, it would want Square, which settles in USD, and fall back):
        // hybrid with no threshold deciding and no processor of the barber's for EUR is a plain centralized payment.
        var eur = await ApiAssert.Json(await host.SendAsync(HttpMethod.Post, "hybrid-payments/route", barber, $$"""{"appointment_id":{{euros}},"amount":75.00,"currency":"EUR"}"""), 200);
        Assert.Equal("centralized", eur.GetProperty("routing_decision").GetString());
        Assert.Equal("stripe_platform", eur.GetProperty("routing_details").GetProperty("processor").GetString());
        Assert.Equal("2.43", eur.GetProperty("estimated_fees").GetProperty("processing_fee").GetRawText()); // 2.9% + 0.25 EUR
    }

    [Fact]
    public async Task AnAppointmentInACurrencyThePlatformDoesNotTake_CannotBeRoutedToIt()
    {
        await using var host = await ApiHost.StartAsync(azurite);
        var yen = await host.NewAppointmentAsync(2, 7500m, "JPY");
        var error = await ApiAssert.Error(await host.SendAsync(HttpMethod.Post, "hybrid-payments/route", host.BarberToken(2),
            $$"""{"appointment_id":{{yen}},"amount":7500,"currency":"JPY"}"""), 400, "PAYMENT_ROUTING_FAILED");
        var unavailable = Assert.Single(error.GetProperty("details").GetProperty("unavailable_processors").EnumerateArray());
        Assert.Equal(("stripe_platform", "the platform does not take payments in JPY"),
            (unavailable.GetProperty("processor").GetString(), unavailable.GetProperty("reason").GetString()));
    }

    [Fact]
    public async Task NothingCanTakeThePayment_Is400PaymentRoutingFailed_AsInTheReference()
    {
        var error = await ApiAssert.Error(await Post("hybrid-payments/route", """{"appointment_id":44,"amount":40.00,"currency":"USD"}""", _host.Token(11, Roles.ShopOwner)), 400, "PAYMENT_ROUTING_FAILED");
        var details = error.GetProperty("details");
        Assert.Equal(44, details.GetProperty("appointment_id").GetInt32());
        Assert.Equal(3, details.GetProperty("barber_id").GetInt32());
        Assert.Equal(0, details.GetProperty("available_processors").GetArrayLength());
    }

    [Fact]
    public async Task TestRouting_EchoesTheInputs_AndSaysWhetherItWouldSucceed()
    {
        var ok = await ApiAssert.Json(await Post("hybrid-payments/test-routing",
            """{"appointment_id":6,"amount":75.00,"currency":"USD","client_preference":"external","payment_method_data":{"card_token":"cnon:card-nonce-ok"}}""", _host.BarberToken(1)), 200);
        Assert.True(ok.GetProperty("would_succeed").GetBoolean());
        Assert.Equal("external", ok.GetProperty("routing_decision").GetString());
        Assert.Equal("square", ok.GetProperty("routing_details").GetProperty("processor").GetString());
        Assert.True(ok.GetProperty("routing_details").GetProperty("connection_id").GetInt64() > 0);
        Assert.Equal(6, ok.GetProperty("input_parameters").GetProperty("appointment_id").GetInt32());
        Assert.Equal("17.28", ok.GetProperty("estimated_fees").GetProperty("total_cost").GetRawText());

        var no = await ApiAssert.Json(await Post("hybrid-payments/test-routing", """{"appointment_id":44,"amount":40.00,"currency":"USD"}""", _host.AdminToken()), 200);
        Assert.False(no.GetProperty("would_succeed").GetBoolean());
        Assert.False(string.IsNullOrEmpty(no.GetProperty("failure_reason").GetString()));
    }

    [Theory]
    [InlineData("""{"amount":75.00,"currency":"USD"}""", "VALIDATION_ERROR", "appointment_id")]
    [InlineData("""{"appointment_id":"21","amount":75.00}""", "VALIDATION_ERROR", "appointment_id")]
    [InlineData("""{"appointment_id":21.5,"amount":75.00}""", "VALIDATION_ERROR", "appointment_id")]
    [InlineData("""{"appointment_id":21,"currency":"USD"}""", "VALIDATION_ERROR", "amount")]
    [InlineData("""{"appointment_id":21,"amount":"75.00"}""", "VALIDATION_ERROR", "amount")]
    [InlineData("""{"appointment_id":21,"amount":0}""", "INVALID_PAYMENT_AMOUNT", "amount")]
    [InlineData("""{"appointment_id":21,"amount":-75}""", "INVALID_PAYMENT_AMOUNT", "amount")]
    [InlineData("""{"appointment_id":21,"amount":75.001}""", "INVALID_PAYMENT_AMOUNT", "amount")]
    [InlineData("""{"appointment_id":21,"amount":5000000}""", "INVALID_PAYMENT_AMOUNT", "amount")]
    [InlineData("""{"appointment_id":21,"amount":75,"currency":"ABC"}""", "UNSUPPORTED_CURRENCY", "currency")]
    [InlineData("""{"appointment_id":21,"amount":75,"currency":"EUR"}""", "VALIDATION_ERROR", "currency")]
    [InlineData("""{"appointment_id":21,"amount":75,"client_preference":"cash"}""", "VALIDATION_ERROR", "client_preference")]
    public async Task BadRouteRequests_Are400WithTheField(string json, string code, string field)
    {
        var error = await ApiAssert.Error(await Post("hybrid-payments/route", json), 400, code);
        Assert.Equal(field, error.GetProperty("details").GetProperty("field").GetString());
    }

    [Fact]
    public async Task UnknownOrOtherTenantsAppointments_Are404()
    {
        await ApiAssert.Error(await Post("hybrid-payments/route", """{"appointment_id":9999,"amount":75}"""), 404, "NOT_FOUND");
        await ApiAssert.Error(await Post("hybrid-payments/route", """{"appointment_id":3,"amount":75}"""), 404, "NOT_FOUND"); // barber 1's, asked by barber 2
        await ApiAssert.Error(await Post("hybrid-payments/test-routing", """{"appointment_id":3,"amount":75}"""), 404, "NOT_FOUND");
    }

    [Fact]
    public async Task Options_ListTheMethodsTheBarberReallyHas_AndTheirCosts()
    {
        var body = await ApiAssert.Json(await _host.GetAsync("hybrid-payments/my-options?amount=75.00", _host.BarberToken(1)), 200);
        Assert.Equal(1, body.GetProperty("barber_id").GetInt32());
        Assert.Equal("hybrid", body.GetProperty("payment_mode").GetString());
        var methods = body.GetProperty("available_methods").EnumerateArray().ToList();
        Assert.Equal(["platform", "external"], methods.Select(m => m.GetProperty("type").GetString()));
        Assert.Equal(0.029m, methods[0].GetProperty("processing_fee_rate").GetDecimal());
        Assert.Equal("square", methods[1].GetProperty("processor").GetString());
        Assert.Equal("external", body.GetProperty("default_method").GetString());
        Assert.Equal("square", body.GetProperty("external_connections")[0].GetProperty("processor_type").GetString());
        var breakdown = body.GetProperty("fee_breakdown");
        Assert.Equal(0.2331m, breakdown.GetProperty("platform_total_fee").GetDecimal()); // (2.48 + 15.00) / 75
        Assert.Equal(0.2304m, breakdown.GetProperty("external_total_fee").GetDecimal()); // (2.28 + 15.00) / 75
        Assert.Equal(0.0027m, breakdown.GetProperty("savings_with_external").GetDecimal());

        var owner = await ApiAssert.Json(await _host.GetAsync("hybrid-payments/options/2", _host.Token(10, Roles.ShopOwner)), 200);
        Assert.Equal("platform", Assert.Single(owner.GetProperty("available_methods").EnumerateArray()).GetProperty("type").GetString());
        Assert.Equal(0, (await ApiAssert.Json(await _host.GetAsync("hybrid-payments/options/3", _host.AdminToken()), 200)).GetProperty("available_methods").GetArrayLength());
    }

    [Fact]
    public async Task Options_RefuseBadQueries_AndOtherBarbersAppointments()
    {
        await ApiAssert.Error(await _host.GetAsync("hybrid-payments/my-options?amount=lots", _host.BarberToken(1)), 400, "VALIDATION_ERROR");
        await ApiAssert.Error(await _host.GetAsync("hybrid-payments/my-options?amount=-3", _host.BarberToken(1)), 400, "INVALID_PAYMENT_AMOUNT");
        await ApiAssert.Error(await _host.GetAsync("hybrid-payments/my-options?appointment_id=x", _host.BarberToken(1)), 400, "VALIDATION_ERROR");
        await ApiAssert.Error(await _host.GetAsync("hybrid-payments/my-options?appointment_id=25", _host.BarberToken(1)), 404, "NOT_FOUND");
        await ApiAssert.Error(await _host.GetAsync("hybrid-payments/my-options", _host.Token(10, Roles.ShopOwner)), 403, "INSUFFICIENT_PERMISSIONS");
    }
}
