using BookedBarber.Payments.Ledger;
using Microsoft.Extensions.DependencyInjection;

namespace BookedBarber.Payments.FunctionalTests;

/// <summary>
/// A card token is good at one processor: a Stripe token sent where routing sends the payment to Square (or a Square
/// nonce to the platform) is 422 CARD_TOKEN_PROCESSOR_MISMATCH saying what to tokenize with, before anything is recorded
/// or charged — never a processor's 502. Barber 1 is hybrid with Square preferred; barber 2 centralized.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class CardTokenRoutingTests(AzuriteFixture azurite)
{
    private static async Task<int> AttemptsFor(ApiHost host, int barberId, int appointment) =>
        (await host.Services.GetRequiredService<PaymentLedger>().ListAsync(barberId, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddMinutes(1), default))
        .Count(a => a.AppointmentId == appointment);

    [Fact]
    public async Task AStripeToken_ForABarberRoutedToSquare_Is422TokenizeWithSquare_AndNothingIsRecordedOrCharged()
    {
        var host = azurite.Shared;
        var appointment = await host.NewAppointmentAsync(1);
        var (stripe, square) = (host.Simulators.Stripe.PaymentIntents.Count, host.Simulators.Square.Payments.Count);

        var error = await ApiAssert.Error(await host.ProcessAsync(1, Payments.Body(appointment, "tok_visa"), "mismatch-" + Guid.NewGuid()), 422, "CARD_TOKEN_PROCESSOR_MISMATCH");

        var details = error.GetProperty("details");
        Assert.Equal(("square", "square", "stripe", "external"), (details.GetProperty("processor").GetString(), details.GetProperty("tokenize_with").GetString(),
            details.GetProperty("card_token_processor").GetString(), details.GetProperty("routing_decision").GetString()));
        Assert.Equal("payment_method_data.card_token", details.GetProperty("field").GetString());
        Assert.True(details.GetProperty("connection_id").GetInt64() > 0);
        Assert.Contains("Square", error.GetProperty("message").GetString());
        Assert.Equal((stripe, square), (host.Simulators.Stripe.PaymentIntents.Count, host.Simulators.Square.Payments.Count));
        Assert.Equal(0, await AttemptsFor(host, 1, appointment));

        // Nothing was taken: the same appointment pays with a Square nonce.
        await ApiAssert.Json(await host.ProcessAsync(1, Payments.Body(appointment, "cnon:card-nonce-ok")), 200);
    }

    [Fact]
    public async Task ASquareNonce_ForTheCentralizedPlatform_Is422TokenizeWithStripe_NamingThePlatformCardField()
    {
        var host = azurite.Shared;
        var appointment = await host.NewAppointmentAsync(2);
        var (stripe, square) = (host.Simulators.Stripe.PaymentIntents.Count, host.Simulators.Square.Payments.Count);

        var error = await ApiAssert.Error(await host.ProcessAsync(2, Payments.Body(appointment, "cnon:card-nonce-ok")), 422, "CARD_TOKEN_PROCESSOR_MISMATCH");

        var details = error.GetProperty("details");
        Assert.Equal(("stripe_platform", "stripe", "square", "centralized"), (details.GetProperty("processor").GetString(), details.GetProperty("tokenize_with").GetString(),
            details.GetProperty("card_token_processor").GetString(), details.GetProperty("routing_decision").GetString()));
        Assert.Equal("payment_method_data.platform_card_token", details.GetProperty("field").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, details.GetProperty("connection_id").ValueKind);
        Assert.Equal((stripe, square), (host.Simulators.Stripe.PaymentIntents.Count, host.Simulators.Square.Payments.Count));
        Assert.Equal(0, await AttemptsFor(host, 2, appointment));
    }

    [Fact]
    public async Task WithBothTokens_TheOneThatFitsTheRouteIsCharged_WhicheverFieldHoldsIt()
    {
        var host = azurite.Shared;
        var toSquare = await host.NewAppointmentAsync(1);
        var toPlatform = await host.NewAppointmentAsync(1);

        // Swapped fields: the Square nonce in platform_card_token still pays the Square route.
        var square = await ApiAssert.Json(await host.ProcessAsync(1, Payments.Body(toSquare, "tok_visa", platformCard: "cnon:card-nonce-ok")), 200);
        Assert.Equal(("external", "square"), (square.GetProperty("routing_decision").GetString(), square.GetProperty("external_processor").GetString()));

        var platform = await ApiAssert.Json(await host.ProcessAsync(1, Payments.Body(toPlatform, "cnon:card-nonce-ok", platformCard: "tok_visa", preference: "platform")), 200);
        Assert.Equal("centralized", platform.GetProperty("routing_decision").GetString());
        Assert.Contains(host.Simulators.Stripe.PaymentIntents, p => p.Id == platform.GetProperty("payment_id").GetString());
    }

    [Fact]
    public async Task TheMismatch_IsNotKeptUnderTheIdempotencyKey_SoTheKeyPaysOnceTheCardFits()
    {
        var host = azurite.Shared;
        var appointment = await host.NewAppointmentAsync(1);
        var key = "fix-card-" + Guid.NewGuid();

        await ApiAssert.Error(await host.ProcessAsync(1, Payments.Body(appointment, "tok_visa"), key), 422, "CARD_TOKEN_PROCESSOR_MISMATCH");
        var paid = await host.ProcessAsync(1, Payments.Body(appointment, "cnon:card-nonce-ok"), key);

        await ApiAssert.Json(paid, 200);
        Assert.False(paid.Headers.Contains("Idempotent-Replayed"));
    }

    [Fact]
    public async Task TestRouting_RefusesTheMismatch_AsProcessWould_AndAcceptsTheFittingCard()
    {
        var host = azurite.Shared;
        const string body = """{"appointment_id":6,"amount":75.00,"currency":"USD","client_preference":"external","payment_method_data":{"card_token":"CARD"}}""";

        var error = await ApiAssert.Error(await host.SendAsync(HttpMethod.Post, "hybrid-payments/test-routing", host.BarberToken(1), body.Replace("CARD", "tok_visa")),
            422, "CARD_TOKEN_PROCESSOR_MISMATCH");
        Assert.Equal("square", error.GetProperty("details").GetProperty("tokenize_with").GetString());

        var ok = await ApiAssert.Json(await host.SendAsync(HttpMethod.Post, "hybrid-payments/test-routing", host.BarberToken(1), body.Replace("CARD", "cnon:card-nonce-ok")), 200);
        Assert.True(ok.GetProperty("would_succeed").GetBoolean());
    }

    [Theory]
    [InlineData("4242424242424242", null, "payment_method_data.card_token")]
    [InlineData("tok_", null, "payment_method_data.card_token")]
    [InlineData("nonce-ok", null, "payment_method_data.card_token")]
    [InlineData("tok_visa", "visa", "payment_method_data.platform_card_token")]
    public async Task AnUnknownTokenFormat_Is400ValidationError_AndNothingIsCharged(string card, string? platformCard, string field)
    {
        var host = azurite.Shared;
        var appointment = await host.NewAppointmentAsync(2);
        var (stripe, square) = (host.Simulators.Stripe.PaymentIntents.Count, host.Simulators.Square.Payments.Count);

        var error = await ApiAssert.Error(await host.ProcessAsync(2, Payments.Body(appointment, card, platformCard)), 400, "VALIDATION_ERROR");

        Assert.Equal(field, error.GetProperty("details").GetProperty("field").GetString());
        Assert.Equal((stripe, square), (host.Simulators.Stripe.PaymentIntents.Count, host.Simulators.Square.Payments.Count));
        Assert.Equal(0, await AttemptsFor(host, 2, appointment));
    }
}
