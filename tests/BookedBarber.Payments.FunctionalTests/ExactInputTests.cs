using BookedBarber.Payments.Ledger;
using Microsoft.Extensions.DependencyInjection;

namespace BookedBarber.Payments.FunctionalTests;

/// <summary>
/// What a client writes is what is checked and charged: no number rounded while it is read, every refused value named
/// by its field, and the same input answered the same way by process and its dry run.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class ExactInputTests(AzuriteFixture azurite) : IAsyncLifetime
{
    // A host of its own per test: these tests pay, and the shared host's barbers have 100 payments an hour among all suites.
    private ApiHost _host = null!;

    public async Task InitializeAsync() => _host = await ApiHost.StartAsync(azurite);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData("19.9999999999999999999999999999")]
    [InlineData("20.00000000000000000000000000000000001")]
    [InlineData("1e-400")]
    public async Task AnAmountWithMoreDigitsThanADecimalHolds_Is400NamingIt_AndNothingIsCharged(string amount)
    {
        var appointment = await _host.NewAppointmentAsync(2, 20.00m);
        var stripe = _host.Simulators.Stripe.PaymentIntents.Count;
        foreach (var path in new[] { "hybrid-payments/process", "hybrid-payments/route", "hybrid-payments/test-routing" })
        {
            var body = $$$"""{"appointment_id":{{{appointment}}},"amount":{{{amount}}},"payment_method_data":{"card_token":"tok_visa"}}""";
            var error = await ApiAssert.Error(await _host.SendAsync(HttpMethod.Post, path, _host.BarberToken(2), body, idempotencyKey: $"exact-{appointment}"), 400, "VALIDATION_ERROR");
            Assert.Equal("amount", error.GetProperty("details").GetProperty("field").GetString());
        }
        Assert.Equal(stripe, _host.Simulators.Stripe.PaymentIntents.Count);
        var attempts = await _host.Services.GetRequiredService<PaymentLedger>().ListAsync(2, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddMinutes(1), default);
        Assert.DoesNotContain(attempts, a => a.AppointmentId == appointment);
    }

    [Theory]
    [InlineData("2e1")]
    [InlineData("0.2E2")]
    [InlineData("20.000000000000000000000000000000000000")]
    [InlineData("2000e-2")]
    public async Task AnExactAmount_InAnyNotation_IsAccepted(string amount)
    {
        var appointment = await _host.NewAppointmentAsync(2, 20.00m);
        var route = await ApiAssert.Json(await _host.SendAsync(HttpMethod.Post, "hybrid-payments/route", _host.BarberToken(2),
            $$"""{"appointment_id":{{appointment}},"amount":{{amount}}}"""), 200);
        Assert.Equal("0.00", route.GetProperty("tip_amount").GetRawText()); // read as exactly the price
    }

    [Theory]
    [InlineData("""{"min_external_amount":1e309}""", "min_external_amount")]
    [InlineData("""{"min_external_amount":"10"}""", "min_external_amount")]
    [InlineData("""{"split_threshold":true}""", "split_threshold")]
    [InlineData("""{"max_platform_amount":19.9999999999999999999999999999}""", "max_platform_amount")]
    public async Task ABadThresholdInTheConfig_Is400NamingItsField_AndTheConfigIsUnchanged(string body, string field)
    {
        var barber = _host.BarberToken(1);
        var before = (await ApiAssert.Json(await _host.GetAsync("hybrid-payments/config", barber), 200)).GetRawText();
        var error = await ApiAssert.Error(await _host.SendAsync(HttpMethod.Put, "hybrid-payments/config", barber, body), 400, "VALIDATION_ERROR");
        Assert.Equal(field, error.GetProperty("details").GetProperty("field").GetString());
        Assert.Equal(before, (await ApiAssert.Json(await _host.GetAsync("hybrid-payments/config", barber), 200)).GetRawText());
    }

    [Theory]
    [InlineData("hybrid-payments/routing-stats/1?days=1&days=2", "days", "days is given more than once.")]
    [InlineData("hybrid-payments/my-options?amount=75&amount=80", "amount", "amount is given more than once.")]
    [InlineData("hybrid-payments/routing-stats/1?days=05", "days", "days must be a non-negative integer without sign or leading zeros.")]
    [InlineData("hybrid-payments/routing-stats/1?days=%2B5", "days", "days must be a non-negative integer without sign or leading zeros.")]
    [InlineData("hybrid-payments/my-options?appointment_id=00003", "appointment_id", "appointment_id must be a non-negative integer without sign or leading zeros.")]
    [InlineData("hybrid-payments/my-options?amount=19.9999999999999999999999999999", "amount", "amount must be a decimal number of at most 28 significant digits.")]
    public async Task AQueryValueGivenTwiceOrNotInCanonicalForm_Is400SayingSo(string path, string field, string message)
    {
        var error = await ApiAssert.Error(await _host.GetAsync(path, _host.BarberToken(1)), 400, "VALIDATION_ERROR");
        Assert.Equal((message, field), (error.GetProperty("message").GetString(), error.GetProperty("details").GetProperty("field").GetString()));
    }

    [Fact]
    public async Task ACanonicalQueryValue_IsAccepted() =>
        await ApiAssert.Json(await _host.GetAsync("hybrid-payments/routing-stats/1?days=5", _host.BarberToken(1)), 200);

    [Fact]
    public async Task AnOverLongCardToken_IsRefusedAsTooLong_NotAsMissing()
    {
        var appointment = await _host.NewAppointmentAsync(2);
        var error = await ApiAssert.Error(await _host.ProcessAsync(2, Payments.Body(appointment, "tok_" + new string('x', 5000))), 400, "VALIDATION_ERROR");
        Assert.Equal("payment_method_data.card_token", error.GetProperty("details").GetProperty("field").GetString());
        Assert.Contains("at most 255 characters", error.GetProperty("message").GetString());
        Assert.DoesNotContain("xxxxxxxx", error.GetRawText()); // a token is never echoed
    }

    // A JSON member (or two) that process refuses, and the field it names.
    public static TheoryData<string, string> BodiesProcessRefuses() => new()
    {
        { "\"metadata\":{" + string.Join(",", Enumerable.Range(0, 21).Select(i => $"\"k{i}\":\"v\"")) + "}", "metadata" },
        { "\"metadata\":{\"k\":\"" + new string('v', 501) + "\"}", "metadata" },
        { "\"payment_method_data\":{\"card_token\":\"tok_" + new string('x', 300) + "\"}", "payment_method_data.card_token" },
        { "\"payment_method_data\":{\"card_token\":\"tok_visa\",\"platform_card_token\":\"\"}", "payment_method_data.platform_card_token" },
    };

    [Theory]
    [MemberData(nameof(BodiesProcessRefuses))]
    public async Task TestRouting_RefusesWhatProcessRefuses_WithTheSame400(string member, string named)
    {
        var appointment = await _host.NewAppointmentAsync(2);
        var card = member.Contains("payment_method_data", StringComparison.Ordinal) ? "" : "\"payment_method_data\":{\"card_token\":\"tok_visa\"},";
        var process = await ApiAssert.Error(await _host.ProcessAsync(2, $"{{\"appointment_id\":{appointment},\"amount\":75.00,{card}{member}}}"), 400, "VALIDATION_ERROR");
        var body = $"{{\"appointment_id\":{appointment},\"amount\":75.00,{member}}}";
        var dryRun = await ApiAssert.Error(await _host.SendAsync(HttpMethod.Post, "hybrid-payments/test-routing", _host.BarberToken(2), body), 400, "VALIDATION_ERROR");
        Assert.Equal(named, dryRun.GetProperty("details").GetProperty("field").GetString());
        Assert.Equal(process.GetProperty("message").GetString(), dryRun.GetProperty("message").GetString());
    }
}
