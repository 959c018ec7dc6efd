using System.Text.Json.Nodes;
using BookedBarber.Payments.Ledger;
using Microsoft.Extensions.DependencyInjection;

namespace BookedBarber.Payments.FunctionalTests;

/// <summary>
/// The booking platform reassigns and re-prices appointments. A paid (or being-paid) appointment keeps its barber and
/// price, so it can never be charged a second time by another barber, and a client's retry still replays.
/// Each test runs a host of its own (the shared host's barbers have 100 payments an hour among all suites).
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class AppointmentChangeTests(AzuriteFixture azurite)
{
    private static string Appointment(int barberId, decimal price, string service = "Haircut & Style") => new JsonObject
    {
        ["barber_id"] = barberId, ["client_id"] = 101, ["service_name"] = service,
        ["start_time"] = "2026-12-01T10:00:00Z", ["price"] = price, ["currency"] = "USD",
    }.ToJsonString();

    private static Task<HttpResponseMessage> FeedAsync(ApiHost host, int appointmentId, string body) =>
        host.SendAsync(HttpMethod.Put, $"internal/booking/appointments/{appointmentId}", host.AdminToken(), body);

    [Fact]
    public async Task APaidAppointment_CannotMoveToAnotherBarber_SoItIsNeverChargedTwice()
    {
        await using var host = await ApiHost.StartAsync(azurite);
        var appointment = await host.NewAppointmentAsync(1);
        var paid = await ApiAssert.Json(await host.ProcessAsync(1, Payments.Body(appointment, "cnon:card-nonce-ok"), "move-paid-" + appointment), 200);
        var stripeCharges = host.Simulators.Stripe.SucceededCharges;

        var refused = await ApiAssert.Error(await FeedAsync(host, appointment, Appointment(2, 75.00m)), 409, "CONFLICT");
        Assert.Equal("completed", refused.GetProperty("details").GetProperty("payment_status").GetString());
        Assert.Equal(paid.GetProperty("payment_id").GetString(), refused.GetProperty("details").GetProperty("payment_id").GetString());

        // Stored appointment unchanged: still barber 1's, so barber 2 cannot even see it, and nothing was charged again.
        var stored = await ApiAssert.Json(await host.SendAsync(HttpMethod.Get, $"internal/booking/appointments/{appointment}", host.AdminToken()), 200);
        Assert.Equal(1, stored.GetProperty("barber_id").GetInt32());
        await ApiAssert.Error(await host.ProcessAsync(2, Payments.Body(appointment, "tok_visa")), 404, "NOT_FOUND");
        Assert.Equal(stripeCharges, host.Simulators.Stripe.SucceededCharges);

        // Re-pricing a paid appointment is refused too; other details may still change.
        await ApiAssert.Error(await FeedAsync(host, appointment, Appointment(1, 200.00m)), 409, "CONFLICT");
        await ApiAssert.Json(await FeedAsync(host, appointment, Appointment(1, 75.00m, "Haircut, beard trim")), 200);

        // The client's retry with the same key and body is still the first answer, replayed.
        var retry = await host.ProcessAsync(1, Payments.Body(appointment, "cnon:card-nonce-ok"), "move-paid-" + appointment);
        var replay = await ApiAssert.Json(retry, 200);
        Assert.Equal(paid.GetProperty("payment_id").GetString(), replay.GetProperty("payment_id").GetString());
        Assert.Equal("true", retry.Headers.GetValues("Idempotent-Replayed").Single());
    }

    [Fact]
    public async Task AnUnpaidAppointment_MovesFreely_AndThenOnlyItsNewBarberCanBePaidForIt()
    {
        await using var host = await ApiHost.StartAsync(azurite);
        var appointment = await host.NewAppointmentAsync(1);

        await ApiAssert.Json(await FeedAsync(host, appointment, Appointment(2, 75.00m)), 200);
        await ApiAssert.Error(await host.ProcessAsync(1, Payments.Body(appointment, "cnon:card-nonce-ok")), 404, "NOT_FOUND");
        await ApiAssert.Json(await host.ProcessAsync(2, Payments.Body(appointment, "tok_visa")), 200);

        var ledger = host.Services.GetRequiredService<PaymentLedger>();
        Assert.Equal("moved", (await ledger.AppointmentPaymentAsync(1, appointment, CancellationToken.None))?.Status);
        Assert.Equal("completed", (await ledger.AppointmentPaymentAsync(2, appointment, CancellationToken.None))?.Status);
    }

    [Fact]
    public async Task APaymentThatResolvedTheAppointmentBeforeItMoved_CannotTakeItAfterwards()
    {
        await using var host = await ApiHost.StartAsync(azurite);
        var appointment = await host.NewAppointmentAsync(1);
        var ledger = host.Services.GetRequiredService<PaymentLedger>();
        var clock = host.Services.GetRequiredService<TimeProvider>();

        // The move marks barber 1's lock; a payment still holding the old appointment then loses, charging nothing.
        await ApiAssert.Json(await FeedAsync(host, appointment, Appointment(2, 75.00m)), 200);
        var key = AttemptKey.New(1, clock);
        var usd = Amounts.Currency.Usd;
        var stale = new PaymentAttempt(key.AttemptId, 1, appointment, new Amounts.Money(7500, usd), "external", "square", null, AttemptStatus.Pending,
            Amounts.Money.Zero(usd), Amounts.Money.Zero(usd), false, "stale-" + appointment, key.CreatedAt);
        var error = await Assert.ThrowsAsync<Errors.DomainException>(() => ledger.BeginAsync(stale, CancellationToken.None));
        Assert.Equal(Errors.ErrorCodes.Conflict, error.Code);

        // Moved back, it can be paid by barber 1 again (the lock reopens).
        await ApiAssert.Json(await FeedAsync(host, appointment, Appointment(1, 75.00m)), 200);
        await ApiAssert.Json(await host.ProcessAsync(1, Payments.Body(appointment, "cnon:card-nonce-ok")), 200);
    }
}
