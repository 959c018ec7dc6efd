using BookedBarber.Payments.Ledger;
using BookedBarber.Payments.Processing;
using Microsoft.Extensions.DependencyInjection;

namespace BookedBarber.Payments.FunctionalTests;

/// <summary>
/// POST /hybrid-payments/process through the real Stripe.net client and our Square client, over HTTP, to the
/// simulators the dev host starts. Each test pays appointments of its own, so the shared host's demo world stays put.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class ProcessPaymentTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task CentralizedPayment_ChargesThePlatform_TakesTheCommissionAsAnApplicationFee_AndPaysTheAppointment()
    {
        var host = azurite.Shared;
        var appointment = await host.NewAppointmentAsync(2);
        var before = host.Simulators.Stripe.SucceededCharges;

        var body = await ApiAssert.Json(await host.ProcessAsync(2, Payments.Body(appointment, "tok_visa")), 200);

        Assert.StartsWith("pi_", body.GetProperty("payment_id").GetString());
        Assert.Equal(("centralized", "centralized", "completed"), (body.GetProperty("payment_type").GetString(), body.GetProperty("routing_decision").GetString(), body.GetProperty("status").GetString()));
        Assert.Equal(("75.00", "2.48", "15.00", "57.52"), (body.GetProperty("amount").GetRawText(), body.GetProperty("processing_fee").GetRawText(),
            body.GetProperty("commission_amount").GetRawText(), body.GetProperty("net_amount").GetRawText()));
        Assert.True(body.GetProperty("commission_collected").GetBoolean());
        Assert.Equal("stripe_platform", body.GetProperty("routing_details").GetProperty("processor").GetString());

        var intent = host.Simulators.Stripe.PaymentIntents.Single(p => p.Id == body.GetProperty("payment_id").GetString());
        Assert.Equal((7500L, 1500L, "acct_demo_barber_2"), (intent.Amount, intent.ApplicationFeeAmount, intent.Destination));
        Assert.Equal(before + 1, host.Simulators.Stripe.SucceededCharges);

        var again = await ApiAssert.Error(await host.ProcessAsync(2, Payments.Body(appointment, "tok_visa")), 409, "APPOINTMENT_ALREADY_PAID");
        Assert.Equal(body.GetProperty("payment_id").GetString(), again.GetProperty("details").GetProperty("payment_id").GetString());
        Assert.Equal(before + 1, host.Simulators.Stripe.SucceededCharges);
    }

    [Fact]
    public async Task HybridBarber_IsPaidThroughTheirSquare_CommissionOwedForWeeklyCollection()
    {
        var host = azurite.Shared;
        var appointment = await host.NewAppointmentAsync(1);
        var before = host.Simulators.Square.CompletedPayments;

        var body = await ApiAssert.Json(await host.ProcessAsync(1, Payments.Body(appointment, "cnon:card-nonce-ok")), 200);

        Assert.Equal(("external", "external", "square"), (body.GetProperty("payment_type").GetString(), body.GetProperty("routing_decision").GetString(), body.GetProperty("external_processor").GetString()));
        Assert.False(body.GetProperty("commission_collected").GetBoolean());
        Assert.Equal(("2.28", "15.00", "72.72"), (body.GetProperty("processing_fee").GetRawText(), body.GetProperty("commission_amount").GetRawText(), body.GetProperty("net_amount").GetRawText()));
        Assert.True(body.GetProperty("routing_details").GetProperty("connection_id").GetInt64() > 0);
        Assert.Equal(before + 1, host.Simulators.Square.CompletedPayments);
        Assert.Contains(host.Simulators.Square.Payments, p => p.Id == body.GetProperty("payment_id").GetString() && p.Amount == 7500);
    }

    [Fact]
    public async Task ADecline_Is422WithTheProcessorsCode_IsRecorded_AndTheAppointmentCanStillBePaid()
    {
        var host = azurite.Shared;
        var appointment = await host.NewAppointmentAsync(1);

        var error = await ApiAssert.Error(await host.ProcessAsync(1, Payments.Body(appointment, "cnon:card-nonce-declined")), 422, "PAYMENT_DECLINED");
        Assert.Equal("square", error.GetProperty("details").GetProperty("processor").GetString());
        Assert.Equal("card_declined", error.GetProperty("details").GetProperty("decline_code").GetString());

        var ledger = host.Services.GetRequiredService<PaymentLedger>();
        var attempts = await ledger.ListAsync(1, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(1), default);
        Assert.Contains(attempts, a => a.AppointmentId == appointment && a.Status == AttemptStatus.Declined && a.DeclineCode == "card_declined");

        await ApiAssert.Json(await host.ProcessAsync(1, Payments.Body(appointment, "cnon:card-nonce-ok")), 200);
    }

    [Fact]
    public async Task TheSameIdempotencyKey_ReplaysTheFirstResponse_AndChargesOnce()
    {
        var host = azurite.Shared;
        var appointment = await host.NewAppointmentAsync(2);
        var key = "order-" + Guid.NewGuid();
        var before = host.Simulators.Stripe.SucceededCharges;

        var first = await host.ProcessAsync(2, Payments.Body(appointment, "tok_visa"), key);
        var firstBody = await first.Content.ReadAsStringAsync();
        var retry = await host.ProcessAsync(2, Payments.Body(appointment, "tok_visa"), key);
        var replayed = await ApiAssert.Json(retry, 200);

        Assert.Equal(200, (int)first.StatusCode);
        Assert.Equal(firstBody, replayed.GetRawText());
        Assert.Equal("true", retry.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(before + 1, host.Simulators.Stripe.SucceededCharges);
        await ApiAssert.Error(await host.ProcessAsync(2, Payments.Body(appointment, "tok_visa", amount: 80.00m), key), 409, "IDEMPOTENCY_KEY_REUSED");
    }

    [Fact]
    public async Task AReplayedExternalPayment_ReadsExactlyAsTheFirst_AndSquareChargesOnce()
    {
        var host = azurite.Shared;
        var appointment = await host.NewAppointmentAsync(1);
        var key = "order-" + Guid.NewGuid();
        var body = Payments.Body(appointment, "cnon:card-nonce-ok", platformCard: "tok_visa", preference: "external");
        var before = host.Simulators.Square.CompletedPayments;

        var first = await ApiAssert.Json(await host.ProcessAsync(1, body, key), 200);
        var retry = await host.ProcessAsync(1, body, key);

        Assert.Equal("external", first.GetProperty("routing_decision").GetString());
        Assert.True(first.GetProperty("routing_details").GetProperty("fallback_available").GetBoolean());
        Assert.Equal(first.GetRawText(), (await ApiAssert.Json(retry, 200)).GetRawText());
        Assert.Equal("true", retry.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(before + 1, host.Simulators.Square.CompletedPayments);
    }

    [Fact]
    public async Task FiftyConcurrentRequestsWithOneKey_ChargeExactlyOnce()
    {
        var host = azurite.Shared;
        var appointment = await host.NewAppointmentAsync(2);
        var key = "storm-" + Guid.NewGuid();
        var before = host.Simulators.Stripe.SucceededCharges;

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => host.ProcessAsync(2, Payments.Body(appointment, "tok_visa"), key)));

        Assert.Equal(before + 1, host.Simulators.Stripe.SucceededCharges);
        Assert.All(responses, r => Assert.Contains((int)r.StatusCode, new[] { 200, 409 }));
        var ids = new HashSet<string?>();
        foreach (var ok in responses.Where(r => (int)r.StatusCode == 200)) ids.Add((await ApiAssert.Json(ok, 200)).GetProperty("payment_id").GetString());
        Assert.Single(ids);
    }

    [Fact]
    public async Task WhenTheBarbersProcessorIsDown_ThePlatformTakesThePayment_AsFallback()
    {
        await using var host = await ApiHost.StartAsync(azurite);
        var appointment = await host.NewAppointmentAsync(1);
        var completedAtSquare = host.Simulators.Square.CompletedPayments; // the demo world's chair payments
        host.Simulators.Square.Outage = true;

        var body = await ApiAssert.Json(await host.ProcessAsync(1, Payments.Body(appointment, "cnon:card-nonce-ok", platformCard: "tok_visa")), 200);

        Assert.Equal("fallback", body.GetProperty("routing_decision").GetString());
        Assert.Equal("centralized", body.GetProperty("payment_type").GetString());
        Assert.Equal("stripe_platform", body.GetProperty("routing_details").GetProperty("processor").GetString());
        Assert.True(body.GetProperty("commission_collected").GetBoolean());
        Assert.Equal(completedAtSquare, host.Simulators.Square.CompletedPayments);
        Assert.Equal("acct_demo_barber_1", Assert.Single(host.Simulators.Stripe.PaymentIntents).Destination);
    }

    [Fact]
    public async Task WhenTheBarbersProcessorIsDown_AndThereIsNoPlatformCard_Is502_AndNothingIsCharged()
    {
        await using var host = await ApiHost.StartAsync(azurite);
        var appointment = await host.NewAppointmentAsync(1);
        host.Simulators.Square.Outage = true;

        var error = await ApiAssert.Error(await host.ProcessAsync(1, Payments.Body(appointment, "cnon:card-nonce-ok")), 502, "EXTERNAL_PROCESSOR_UNAVAILABLE");
        Assert.Equal("square", error.GetProperty("details").GetProperty("processor").GetString());
        Assert.Empty(host.Simulators.Stripe.PaymentIntents);

        host.Simulators.Square.Outage = false;
        await ApiAssert.Json(await host.ProcessAsync(1, Payments.Body(appointment, "cnon:card-nonce-ok")), 200);
    }

    [Theory]
    [InlineData("""{"appointment_id":21,"amount":75.00,"currency":"USD"}""", "VALIDATION_ERROR", "payment_method_data.card_token")]
    [InlineData("""{"appointment_id":21,"amount":75.00,"currency":"USD","payment_method_data":{}}""", "VALIDATION_ERROR", "payment_method_data.card_token")]
    [InlineData("""{"appointment_id":21,"amount":75.00,"currency":"USD","payment_method_data":{"card_token":""}}""", "VALIDATION_ERROR", "payment_method_data.card_token")]
    [InlineData("""{"appointment_id":21,"amount":-1,"payment_method_data":{"card_token":"tok_visa"}}""", "INVALID_PAYMENT_AMOUNT", "amount")]
    [InlineData("""{"appointment_id":21,"amount":0,"payment_method_data":{"card_token":"tok_visa"}}""", "INVALID_PAYMENT_AMOUNT", "amount")]
    [InlineData("""{"appointment_id":21,"amount":75.005,"payment_method_data":{"card_token":"tok_visa"}}""", "INVALID_PAYMENT_AMOUNT", "amount")]
    [InlineData("""{"appointment_id":21,"amount":1000000.01,"payment_method_data":{"card_token":"tok_visa"}}""", "INVALID_PAYMENT_AMOUNT", "amount")]
    [InlineData("""{"appointment_id":21,"amount":"75.00","payment_method_data":{"card_token":"tok_visa"}}""", "VALIDATION_ERROR", "amount")]
    [InlineData("""{"appointment_id":21,"payment_method_data":{"card_token":"tok_visa"}}""", "VALIDATION_ERROR", "amount")]
    [InlineData("""{"amount":75,"payment_method_data":{"card_token":"tok_visa"}}""", "VALIDATION_ERROR", "appointment_id")]
    [InlineData("""{"appointment_id":21.5,"amount":75,"payment_method_data":{"card_token":"tok_visa"}}""", "VALIDATION_ERROR", "appointment_id")]
    [InlineData("""{"appointment_id":"x","amount":75,"payment_method_data":{"card_token":"tok_visa"}}""", "VALIDATION_ERROR", "appointment_id")]
    [InlineData("""{"appointment_id":21,"amount":75,"currency":"XXX","payment_method_data":{"card_token":"tok_visa"}}""", "UNSUPPORTED_CURRENCY", "currency")]
    [InlineData("""{"appointment_id":21,"amount":75,"client_preference":"both","payment_method_data":{"card_token":"tok_visa"}}""", "VALIDATION_ERROR", "client_preference")]
    public async Task BadPayments_AreRefused_AndNothingIsCharged(string json, string code, string field)
    {
        var host = azurite.Shared;
        var (stripe, square) = (host.Simulators.Stripe.PaymentIntents.Count, host.Simulators.Square.Payments.Count);
        var error = await ApiAssert.Error(await host.ProcessAsync(2, json, "bad-" + Guid.NewGuid()), 400, code);
        Assert.Equal(field, error.GetProperty("details").GetProperty("field").GetString());
        Assert.Equal((stripe, square), (host.Simulators.Stripe.PaymentIntents.Count, host.Simulators.Square.Payments.Count));
    }

    [Theory]
    [InlineData(5)]       // barber 1's, paid by barber 2
    [InlineData(987654)]  // no such appointment
    public async Task AnotherTenantsOrAnUnknownAppointment_Is404_AndNothingIsCharged(int appointment)
    {
        var host = azurite.Shared;
        var count = host.Simulators.Stripe.PaymentIntents.Count;
        await ApiAssert.Error(await host.ProcessAsync(2, Payments.Body(appointment, "tok_visa")), 404, "NOT_FOUND");
        Assert.Equal(count, host.Simulators.Stripe.PaymentIntents.Count);
    }

    [Fact]
    public async Task ABarberWithTheirOwnStripe_IsPaidOnTheirAccount_WithoutAnApplicationFee()
    {
        await using var host = await ApiHost.StartAsync(azurite);
        host.Simulators.Stripe.CreateStandaloneAccount("Barber 3", accountId: "acct_barber3_own", secretKey: "sk_test_barber3_own_account");
        var sealedKey = host.Services.GetRequiredService<Security.CredentialProtector>().Protect("""{"secret_key":"sk_test_barber3_own_account"}""", 3);
        await host.Services.GetRequiredService<Connections.ConnectionStore>().CreateAsync(new Connections.ProcessorConnection(0, 3, "stripe", "acct_barber3_own",
            "Barber 3's Stripe", "connected", sealedKey, null, "USD", new Connections.ProcessingFees(0.027m, 0.029m, new Amounts.Money(30, Amounts.Currency.Usd)), DateTimeOffset.UtcNow), default);
        await ApiAssert.Json(await host.SendAsync(HttpMethod.Put, "hybrid-payments/config/3", host.AdminToken(), """{"payment_mode":"decentralized","preferred_processor":"stripe"}"""), 200);
        var appointment = await host.NewAppointmentAsync(3);

        var body = await ApiAssert.Json(await host.ProcessAsync(3, Payments.Body(appointment, "tok_visa")), 200);

        Assert.Equal(("external", "stripe", false), (body.GetProperty("routing_decision").GetString(), body.GetProperty("external_processor").GetString(), body.GetProperty("commission_collected").GetBoolean()));
        var intent = Assert.Single(host.Simulators.Stripe.PaymentIntents);
        Assert.Equal((7500L, (long?)null, (string?)null), (intent.Amount, intent.ApplicationFeeAmount, intent.Destination));
    }

    [Fact]
    public async Task AProcessorThatRefusesTheRequest_Is502ExternalApiError_AndTheAppointmentStaysPayable()
    {
        var host = azurite.Shared;
        var appointment = await host.NewAppointmentAsync(2);
        var error = await ApiAssert.Error(await host.ProcessAsync(2, Payments.Body(appointment, "pm_card_does_not_exist")), 502, "EXTERNAL_API_ERROR");
        Assert.Equal("stripe_platform", error.GetProperty("details").GetProperty("processor").GetString());
        await ApiAssert.Json(await host.ProcessAsync(2, Payments.Body(appointment, "tok_visa")), 200);
    }
}
