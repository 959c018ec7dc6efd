using BookedBarber.Payments.Ledger;
using BookedBarber.Payments.Processing;
using Microsoft.Extensions.DependencyInjection;

namespace BookedBarber.Payments.FunctionalTests;

/// <summary>
/// The amount pays the appointment: at least its price, at most the price plus a tip (MAX_TIP_RATE, default 1.00 of the
/// price) that carries no commission; and never less than the processor takes or what the payment costs.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class PaymentAmountTests(AzuriteFixture azurite)
{
    private readonly ApiHost _host = azurite.Shared;

    private static string RouteBody(int appointment, decimal amount, string? preference = null) =>
        $$"""{"appointment_id":{{appointment}},"amount":{{amount.ToString(System.Globalization.CultureInfo.InvariantCulture)}}{{(preference is null ? "" : $",\"client_preference\":\"{preference}\"")}}}""";

    private async Task AssertNothingCharged(int barberId, int appointment, Func<Task> act)
    {
        var (stripe, square) = (_host.Simulators.Stripe.PaymentIntents.Count, _host.Simulators.Square.Payments.Count);
        await act();
        Assert.Equal((stripe, square), (_host.Simulators.Stripe.PaymentIntents.Count, _host.Simulators.Square.Payments.Count));
        var attempts = await _host.Services.GetRequiredService<PaymentLedger>().ListAsync(barberId, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddMinutes(1), default);
        Assert.DoesNotContain(attempts, a => a.AppointmentId == appointment);
    }

    [Theory]
    [InlineData(0.01, "below the appointment's price")]
    [InlineData(74.99, "below the appointment's price")]
    [InlineData(150.01, "tip above the maximum")]
    [InlineData(1_000_000.00, "tip above the maximum")]
    public async Task AnAmountThatDoesNotPayTheAppointment_Is400_AndNothingIsChargedOrStored(decimal amount, string reason)
    {
        var appointment = await _host.NewAppointmentAsync(2, 75.00m);
        await AssertNothingCharged(2, appointment, async () =>
        {
            foreach (var (path, body) in new[] { ("hybrid-payments/process", Payments.Body(appointment, "tok_visa", amount: amount)),
                ("hybrid-payments/route", RouteBody(appointment, amount)), ("hybrid-payments/test-routing", RouteBody(appointment, amount)) })
            {
                var error = await ApiAssert.Error(await _host.SendAsync(HttpMethod.Post, path, _host.BarberToken(2), body), 400, "INVALID_PAYMENT_AMOUNT");
                Assert.Equal(("amount", reason), (error.GetProperty("details").GetProperty("field").GetString(), error.GetProperty("details").GetProperty("reason").GetString()));
                Assert.Equal("75.00", error.GetProperty("details").GetProperty("appointment_price").GetRawText());
            }
        });
        // The real payment is not refused as already paid.
        await ApiAssert.Json(await _host.ProcessAsync(2, Payments.Body(appointment, "tok_visa")), 200);
    }

    [Fact]
    public async Task ATip_IsCharged_ButCarriesNoCommission_AndIsShown()
    {
        var appointment = await _host.NewAppointmentAsync(2, 75.00m);

        var route = await ApiAssert.Json(await _host.SendAsync(HttpMethod.Post, "hybrid-payments/route", _host.BarberToken(2), RouteBody(appointment, 150.00m)), 200);
        Assert.Equal("75.00", route.GetProperty("tip_amount").GetRawText());
        Assert.Equal("15.00", route.GetProperty("estimated_fees").GetProperty("commission_fee").GetRawText()); // 20% of the price, not of 150.00
        Assert.Equal("4.65", route.GetProperty("estimated_fees").GetProperty("processing_fee").GetRawText()); // 2.9% of 150.00 + 0.30

        var paid = await ApiAssert.Json(await _host.ProcessAsync(2, Payments.Body(appointment, "tok_visa", amount: 150.00m)), 200);
        Assert.Equal(("150.00", "75.00", "15.00", "130.35"), (paid.GetProperty("amount").GetRawText(), paid.GetProperty("tip_amount").GetRawText(),
            paid.GetProperty("commission_amount").GetRawText(), paid.GetProperty("net_amount").GetRawText()));
        var intent = _host.Simulators.Stripe.PaymentIntents.Single(p => p.Id == paid.GetProperty("payment_id").GetString());
        Assert.Equal((15000L, 1500L), (intent.Amount, intent.ApplicationFeeAmount));
    }

    [Fact]
    public async Task WithoutATip_TipAmountIsZero() =>
        Assert.Equal("0.00", (await ApiAssert.Json(await _host.ProcessAsync(2, Payments.Body(await _host.NewAppointmentAsync(2, 75.00m), "tok_visa")), 200))
            .GetProperty("tip_amount").GetRawText());

    [Fact]
    public async Task BelowStripesMinimumCharge_Is400BeforeStripeIsCalled()
    {
        var appointment = await _host.NewAppointmentAsync(2, 0.40m);
        await AssertNothingCharged(2, appointment, async () =>
        {
            var error = await ApiAssert.Error(await _host.ProcessAsync(2, Payments.Body(appointment, "tok_visa", amount: 0.40m)), 400, "INVALID_PAYMENT_AMOUNT");
            Assert.Equal("below the processor's minimum charge", error.GetProperty("details").GetProperty("reason").GetString());
            await ApiAssert.Error(await _host.SendAsync(HttpMethod.Post, "hybrid-payments/test-routing", _host.BarberToken(2), RouteBody(appointment, 0.40m)), 400, "INVALID_PAYMENT_AMOUNT");
        });
    }

    [Fact]
    public async Task AnAmountThatDoesNotCoverItsOwnFees_Is400BeforeSquareIsCalled()
    {
        // Square: 2.9% + 0.10 of 0.12 rounds to 0.10, commission 0.02: the barber would net nothing.
        var appointment = await _host.NewAppointmentAsync(1, 0.12m);
        await AssertNothingCharged(1, appointment, async () =>
        {
            var error = await ApiAssert.Error(await _host.ProcessAsync(1, Payments.Body(appointment, "cnon:card-nonce-ok", amount: 0.12m)), 400, "INVALID_PAYMENT_AMOUNT");
            Assert.Equal("below the payment's fees", error.GetProperty("details").GetProperty("reason").GetString());
        });
    }

    [Fact]
    public async Task TheTipCap_IsASetting()
    {
        await using var host = await ApiHost.StartAsync(azurite, settings: new Dictionary<string, string?> { ["MAX_TIP_RATE"] = "0.25" });
        var appointment = await host.NewAppointmentAsync(2, 80.00m);
        await ApiAssert.Error(await host.SendAsync(HttpMethod.Post, "hybrid-payments/route", host.BarberToken(2), RouteBody(appointment, 100.01m)), 400, "INVALID_PAYMENT_AMOUNT");
        Assert.Equal("20.00", (await ApiAssert.Json(await host.SendAsync(HttpMethod.Post, "hybrid-payments/route", host.BarberToken(2), RouteBody(appointment, 100.00m)), 200))
            .GetProperty("tip_amount").GetRawText());
    }
}
