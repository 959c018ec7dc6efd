using BookedBarber.Payments.Ledger;
using BookedBarber.Payments.Connections;
using BookedBarber.Payments.Amounts;
using BookedBarber.Payments.Processing;
using BookedBarber.Payments.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace BookedBarber.Payments.FunctionalTests;

/// <summary>A crash between the processor's charge and our write loses nothing: the reconciler asks the processor and settles.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class PaymentReconcilerTests(AzuriteFixture azurite)
{
    private static string PayWithVisa(int appointmentId) => Payments.Body(appointmentId, "tok_visa");

    /// <summary>Records a pending attempt as the payment path does before calling the processor, and optionally makes the charge — then "crashes".</summary>
    private static async Task<PaymentAttempt> CrashAfterBeginning(ApiHost host, int barberId, int appointmentId, bool charge, TimeSpan? startedAgo = null)
    {
        var processors = await host.Services.GetRequiredService<BarberProcessorsReader>().ReadAsync(barberId, default);
        Money.TryFromMajor(75m, Currency.Usd, out var amount);
        var external = barberId == 1;
        var connection = external ? processors.Connections.Single() : null;
        var attempt = new PaymentAttempt(Guid.NewGuid().ToString("N")[..24], barberId, appointmentId, amount, external ? "external" : "centralized",
            external ? "square" : "stripe_platform", connection?.Id, AttemptStatus.Pending, new Money(248, Currency.Usd), new Money(1500, Currency.Usd),
            !external, "crash-" + Guid.NewGuid().ToString("N")[..16], DateTimeOffset.UtcNow - (startedAgo ?? TimeSpan.FromMinutes(5)));
        await host.Services.GetRequiredService<PaymentLedger>().BeginAsync(attempt, default);
        if (charge)
        {
            var gateways = host.Services.GetRequiredService<PaymentGateways>();
            var request = new ChargeRequest(attempt.AttemptId, attempt.ProcessorIdempotencyKey, amount, attempt.Commission, external ? "cnon:card-nonce-ok" : "tok_visa", barberId, appointmentId, "crash test");
            if (external) await gateways.ChargeConnectionAsync(request, connection!, default);
            else await gateways.ChargePlatformAsync(request, processors.PlatformAccount!, default);
        }
        return attempt;
    }

    [Theory]
    [InlineData(1)] // Square
    [InlineData(2)] // platform Stripe
    public async Task AChargeWeNeverRecorded_IsFoundAtTheProcessor_AndTheAppointmentIsPaid(int barberId)
    {
        await using var host = await ApiHost.StartAsync(azurite);
        var appointment = await host.NewAppointmentAsync(barberId);
        var attempt = await CrashAfterBeginning(host, barberId, appointment, charge: true);

        var settled = await host.Services.GetRequiredService<PaymentReconciler>().ReconcileAsync(DateTimeOffset.UtcNow.AddMinutes(-2), default);

        Assert.Equal(1, settled);
        var ledger = host.Services.GetRequiredService<PaymentLedger>();
        var stored = (await ledger.ListAsync(barberId, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow, default)).Single(a => a.AttemptId == attempt.AttemptId);
        Assert.Equal(AttemptStatus.Completed, stored.Status);
        Assert.NotNull(stored.ProcessorPaymentId);
        Assert.Equal((AttemptStatus.Completed, stored.ProcessorPaymentId), (await ledger.AppointmentPaymentAsync(barberId, appointment, default))!.Value);
        // A settled payment through the barber's own processor is their external transaction, as if we had recorded it at once.
        var external = await host.Services.GetRequiredService<ExternalTransactions.ExternalTransactionStore>().FindAsync("square", stored.ProcessorPaymentId, default);
        if (barberId == 1) Assert.Equal((appointment, attempt.AttemptId, "matched"), (external!.AppointmentId, external.AttemptId, external.ReconciliationStatus));
        else Assert.Null(external);
        await ApiAssert.Error(await host.SendAsync(HttpMethod.Post, "hybrid-payments/process", host.BarberToken(barberId),
            PayWithVisa(appointment)), 409, "APPOINTMENT_ALREADY_PAID");

        Assert.Equal(0, await host.Services.GetRequiredService<PaymentReconciler>().ReconcileAsync(DateTimeOffset.UtcNow, default));
    }

    [Fact]
    public async Task AChargeThatNeverReachedTheProcessor_IsFailed_AndTheAppointmentCanBePaid()
    {
        await using var host = await ApiHost.StartAsync(azurite);
        var appointment = await host.NewAppointmentAsync(2);
        await CrashAfterBeginning(host, 2, appointment, charge: false);

        Assert.Equal(1, await host.Services.GetRequiredService<PaymentReconciler>().ReconcileAsync(DateTimeOffset.UtcNow.AddMinutes(-2), default));

        Assert.Equal("open", (await host.Services.GetRequiredService<PaymentLedger>().AppointmentPaymentAsync(2, appointment, default))!.Value.Status);
        await ApiAssert.Json(await host.SendAsync(HttpMethod.Post, "hybrid-payments/process", host.BarberToken(2), PayWithVisa(appointment)), 200);
    }

    [Theory]
    [InlineData(true, 409)]   // it had charged: paying again would charge twice
    [InlineData(false, 200)]  // it never charged: the new payment goes ahead
    public async Task PayingAnAppointmentWhoseEarlierAttemptNeverSettled_AsksTheProcessorFirst(bool earlierCharged, int status)
    {
        await using var host = await ApiHost.StartAsync(azurite);
        var appointment = await host.NewAppointmentAsync(2);
        await CrashAfterBeginning(host, 2, appointment, charge: earlierCharged);
        var charges = host.Simulators.Stripe.SucceededCharges;

        var response = await host.SendAsync(HttpMethod.Post, "hybrid-payments/process", host.BarberToken(2), PayWithVisa(appointment));

        if (status == 409) await ApiAssert.Error(response, 409, "APPOINTMENT_ALREADY_PAID");
        else await ApiAssert.Json(response, 200);
        Assert.Equal(charges + (earlierCharged ? 0 : 1), host.Simulators.Stripe.SucceededCharges);
    }

    [Fact]
    public async Task RecentPendingAttempts_AreLeftToTheRequestStillRunningThem()
    {
        await using var host = await ApiHost.StartAsync(azurite);
        var appointment = await host.NewAppointmentAsync(2);
        await CrashAfterBeginning(host, 2, appointment, charge: false);
        Assert.Equal(0, await host.Services.GetRequiredService<PaymentReconciler>().ReconcileAsync(DateTimeOffset.UtcNow.AddMinutes(-10), default));
    }

    [Fact]
    public async Task APaymentUnderWay_Blocks_AnotherForTheSameAppointment()
    {
        await using var host = await ApiHost.StartAsync(azurite);
        var appointment = await host.NewAppointmentAsync(2);
        await CrashAfterBeginning(host, 2, appointment, charge: false, startedAgo: TimeSpan.FromSeconds(5));
        await ApiAssert.Error(await host.SendAsync(HttpMethod.Post, "hybrid-payments/process", host.BarberToken(2), PayWithVisa(appointment)), 409, "PAYMENT_IN_PROGRESS");
    }

    [Fact]
    public async Task TheReconciler_ReadsTheListedBarberHours_AndForgetsOldOnesWithNothingPending()
    {
        await using var host = await ApiHost.StartAsync(azurite);
        var watchlist = host.Services.GetRequiredService<ReconciliationWatchlist>();
        var reconciler = host.Services.GetRequiredService<PaymentReconciler>();
        var oldAppointment = await host.NewAppointmentAsync(2);
        var old = await CrashAfterBeginning(host, 2, oldAppointment, charge: true, startedAgo: TimeSpan.FromHours(3));
        foreach (var _ in Enumerable.Range(0, 2))
            await ApiAssert.Json(await host.SendAsync(HttpMethod.Post, "hybrid-payments/process", host.BarberToken(2), PayWithVisa(await host.NewAppointmentAsync(2))), 200);

        var thisHour = ReconciliationWatchlist.HourOf(DateTimeOffset.UtcNow);
        var oldHour = ReconciliationWatchlist.HourOf(old.CreatedAt);
        var listed = await watchlist.ListAsync(default).Where(h => h.BarberId == 2).Select(h => h.Hour).ToListAsync();
        Assert.Contains(oldHour, listed);
        Assert.Single(listed, thisHour); // two payments this hour: one note

        // The old hour keeps its place while its attempt is pending, and leaves once nothing in it is.
        Assert.Equal(1, await reconciler.ReconcileAsync(DateTimeOffset.UtcNow.AddMinutes(-2), default));
        Assert.Contains(oldHour, await watchlist.ListAsync(default).Where(h => h.BarberId == 2).Select(h => h.Hour).ToListAsync());
        Assert.Equal(0, await reconciler.ReconcileAsync(DateTimeOffset.UtcNow.AddMinutes(-2), default));
        var after = await watchlist.ListAsync(default).Where(h => h.BarberId == 2).Select(h => h.Hour).ToListAsync();
        Assert.DoesNotContain(oldHour, after);
        Assert.Contains(thisHour, after); // recent hours stay however settled they are
    }
}
