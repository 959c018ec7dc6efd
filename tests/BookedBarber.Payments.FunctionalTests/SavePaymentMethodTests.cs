using System.Text.Json;
using System.Text.Json.Nodes;
using BookedBarber.Payments.Ledger;
using Microsoft.Extensions.DependencyInjection;

namespace BookedBarber.Payments.FunctionalTests;

/// <summary>
/// <c>save_payment_method</c> is honoured or refused, never ignored: through Stripe the card is saved to the client's
/// customer (PaymentIntent with customer and setup_future_usage) and the response says what was saved; through Square
/// (no card on file in our client yet) it is 400 before anything is recorded or charged.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class SavePaymentMethodTests(AzuriteFixture azurite)
{
    private static string Saving(int appointment, string card, bool save = true, string? preference = null)
    {
        var body = JsonNode.Parse(Payments.Body(appointment, card, preference: preference))!;
        body["payment_method_data"]!["save_payment_method"] = save;
        return body.ToJsonString();
    }

    [Fact]
    public async Task ThroughThePlatform_TheCardIsSavedToTheClientsCustomer_OneCustomerPerClient_AndAReplaySaysTheSame()
    {
        var host = azurite.Shared;
        var first = await host.NewAppointmentAsync(2);
        var second = await host.NewAppointmentAsync(2); // the same client (101)
        var key = "save-" + Guid.NewGuid();

        var paid = await ApiAssert.Json(await host.ProcessAsync(2, Saving(first, "tok_visa"), key), 200);

        var saved = paid.GetProperty("saved_payment_method");
        Assert.Equal("stripe_platform", saved.GetProperty("processor").GetString());
        var method = saved.GetProperty("id").GetString()!;
        var customer = saved.GetProperty("customer_id").GetString()!;
        Assert.StartsWith("pm_", method);
        Assert.StartsWith("cus_", customer);
        Assert.Equal(customer, host.Simulators.Stripe.SavedPaymentMethods[method]);
        var intent = host.Simulators.Stripe.PaymentIntents.Single(p => p.Id == paid.GetProperty("payment_id").GetString());
        Assert.Equal(1500L, intent.ApplicationFeeAmount);

        var replay = await host.ProcessAsync(2, Saving(first, "tok_visa"), key);
        Assert.Equal(paid.GetRawText(), (await ApiAssert.Json(replay, 200)).GetRawText());

        var again = await ApiAssert.Json(await host.ProcessAsync(2, Saving(second, "tok_visa")), 200);
        Assert.Equal(customer, again.GetProperty("saved_payment_method").GetProperty("customer_id").GetString());
        Assert.NotEqual(method, again.GetProperty("saved_payment_method").GetProperty("id").GetString());
    }

    [Fact]
    public async Task WithoutSaving_SavedPaymentMethodIsNull_AndNothingIsSaved()
    {
        var host = azurite.Shared;
        var appointment = await host.NewAppointmentAsync(2);
        var before = host.Simulators.Stripe.SavedPaymentMethods.Count;

        var paid = await ApiAssert.Json(await host.ProcessAsync(2, Saving(appointment, "tok_visa", save: false)), 200);

        Assert.Equal(JsonValueKind.Null, paid.GetProperty("saved_payment_method").ValueKind);
        Assert.Equal(before, host.Simulators.Stripe.SavedPaymentMethods.Count);
    }

    [Fact]
    public async Task ThroughSquare_SavingIsRefused400_BeforeAnythingIsRecordedOrCharged()
    {
        var host = azurite.Shared;
        var appointment = await host.NewAppointmentAsync(1);
        var (stripe, square) = (host.Simulators.Stripe.PaymentIntents.Count, host.Simulators.Square.Payments.Count);

        var error = await ApiAssert.Error(await host.ProcessAsync(1, Saving(appointment, "cnon:card-nonce-ok")), 400, "VALIDATION_ERROR");

        Assert.Equal("payment_method_data.save_payment_method", error.GetProperty("details").GetProperty("field").GetString());
        Assert.Equal("square", error.GetProperty("details").GetProperty("processor").GetString());
        Assert.Equal((stripe, square), (host.Simulators.Stripe.PaymentIntents.Count, host.Simulators.Square.Payments.Count));
        var attempts = await host.Services.GetRequiredService<PaymentLedger>().ListAsync(1, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddMinutes(1), default);
        Assert.DoesNotContain(attempts, a => a.AppointmentId == appointment);

        // The same client choosing the platform can save their card there.
        var platform = await ApiAssert.Json(await host.ProcessAsync(1, Saving(appointment, "tok_visa", preference: "platform")), 200);
        Assert.Equal("stripe_platform", platform.GetProperty("saved_payment_method").GetProperty("processor").GetString());
    }
}
