using Azure.Data.Tables;
using BookedBarber.Payments.Amounts;
using BookedBarber.Payments.Collections;
using BookedBarber.Payments.Ledger;
using BookedBarber.Payments.Processing;
using Microsoft.Extensions.DependencyInjection;

namespace BookedBarber.Payments.FunctionalTests;

/// <summary>
/// Netting: barber 2 (centralized, paid through the platform's Stripe) is collected by netting and owes a pending
/// collection; their next payments through POST /hybrid-payments/process carry part of it in the application fee, at most
/// NETTING_MAX_SHARE (0.25) of each payment, recorded with the payment in one ledger transaction.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class NettingTests(AzuriteFixture azurite)
{
    private static long _nextId = 900_000 + Random.Shared.Next(0, 50_000) * 10;

    /// <summary>The barber is collected by netting and owes a pending netting collection of <paramref name="amountMinor"/> cents.</summary>
    private static async Task<CommissionCollection> OwesAsync(ApiHost host, int barberId, long amountMinor)
    {
        await ApiAssert.Json(await host.SendAsync(HttpMethod.Put, "hybrid-payments/config", host.BarberToken(barberId), """{"collection_method":"netting"}"""), 200);
        var now = DateTimeOffset.UtcNow;
        var collection = new CommissionCollection(Interlocked.Increment(ref _nextId), barberId, Currency.Usd, CollectionStatus.Pending, CollectionMethods.Netting,
            now.AddMinutes(-1), now.AddDays(1), now.AddMinutes(-1), 20.0m, amountMinor, 0, [], []);
        var store = host.Services.GetRequiredService<CollectionStore>();
        await store.ClaimIdAsync(collection.Id, barberId, collection.RowKey, default);
        await store.SubmitAsync([new TableTransactionAction(TableTransactionActionType.Add, CollectionRows.ToEntity(collection))], default);
        return collection;
    }

    private static async Task<CommissionCollection> StoredAsync(ApiHost host, CommissionCollection c) =>
        (await host.Services.GetRequiredService<CollectionStore>().GetAsync(c.BarberId, c.RowKey, default))!;

    private static long FeeOf(ApiHost host, System.Text.Json.JsonElement body) =>
        host.Simulators.Stripe.PaymentIntents.Single(p => p.Id == body.GetProperty("payment_id").GetString()).ApplicationFeeAmount ?? 0;

    [Fact]
    public async Task CentralizedPayments_NetTheOpenCommission_InTheApplicationFee_UpToTheShare_UntilTheCollectionIsCovered()
    {
        await using var host = await ApiHost.StartAsync(azurite);
        var owed = await OwesAsync(host, 2, 3000);

        // 75.00: commission 15.00, and floor(0.25 x 75.00) = 18.75 of the 30.00 owed.
        var first = await ApiAssert.Json(await host.ProcessAsync(2, Payments.Body(await host.NewAppointmentAsync(2), "tok_visa")), 200);
        Assert.Equal(("15.00", "18.75", "38.77"), (first.GetProperty("commission_amount").GetRawText(), first.GetProperty("netted_commission").GetRawText(),
            first.GetProperty("net_amount").GetRawText()));
        Assert.Equal(1500 + 1875, FeeOf(host, first));
        var afterFirst = await StoredAsync(host, owed);
        Assert.Equal((1875L, 0L, 1125L), (afterFirst.NettedMinor, afterFirst.ReservedMinor, afterFirst.Remaining.Minor));

        // The rest (11.25) is less than the share: all of it.
        var second = await ApiAssert.Json(await host.ProcessAsync(2, Payments.Body(await host.NewAppointmentAsync(2), "tok_visa")), 200);
        Assert.Equal("11.25", second.GetProperty("netted_commission").GetRawText());
        Assert.Equal(1500 + 1125, FeeOf(host, second));

        // Covered: the next payment nets nothing.
        var third = await ApiAssert.Json(await host.ProcessAsync(2, Payments.Body(await host.NewAppointmentAsync(2), "tok_visa")), 200);
        Assert.Equal(("0.00", "57.52"), (third.GetProperty("netted_commission").GetRawText(), third.GetProperty("net_amount").GetRawText()));
        Assert.Equal(1500, FeeOf(host, third));

        var stored = await StoredAsync(host, owed);
        Assert.Equal((3000L, 0L, 0L), (stored.NettedMinor, stored.ReservedMinor, stored.Remaining.Minor));
        var applications = await host.Services.GetRequiredService<CommissionNetting>().ApplicationsAsync(2, owed.Id, default);
        Assert.Equal([1125L, 1875L], applications.Select(a => a.Amount.Minor).Order());
        Assert.Contains(applications, a => a.ProcessorPaymentId == first.GetProperty("payment_id").GetString());

        // The attempts record what they netted and from which collection.
        var attempts = await host.Services.GetRequiredService<PaymentLedger>().ListAsync(2, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(1), default);
        Assert.Equal(3000L, attempts.Where(a => a.NettingCollectionId == owed.Id).Sum(a => a.NettedCommission?.Minor ?? 0));
    }

    [Fact]
    public async Task TheShareIsConfigurable_AndNettingNeverLeavesTheBarberLessThanNothing()
    {
        await using var host = await ApiHost.StartAsync(azurite, settings: new Dictionary<string, string?> { [Configuration.SettingNames.NettingMaxShare] = "1" });
        var owed = await OwesAsync(host, 2, 10_000);

        var body = await ApiAssert.Json(await host.ProcessAsync(2, Payments.Body(await host.NewAppointmentAsync(2), "tok_visa")), 200);

        // 75.00 − 2.48 fee − 15.00 commission = 57.52 is all the barber had: all of it nets, none beyond.
        Assert.Equal(("57.52", "0.00"), (body.GetProperty("netted_commission").GetRawText(), body.GetProperty("net_amount").GetRawText()));
        Assert.Equal(1500 + 5752, FeeOf(host, body));
        Assert.Equal(5752L, (await StoredAsync(host, owed)).NettedMinor);
    }

    [Fact]
    public async Task ADeclinedCard_NetsNothing_AndReleasesItsReservation()
    {
        await using var host = await ApiHost.StartAsync(azurite);
        var owed = await OwesAsync(host, 2, 3000);

        await ApiAssert.Error(await host.ProcessAsync(2, Payments.Body(await host.NewAppointmentAsync(2), "tok_chargeDeclined")), 422, "PAYMENT_DECLINED");

        var stored = await StoredAsync(host, owed);
        Assert.Equal((0L, 0L), (stored.NettedMinor, stored.ReservedMinor));
        Assert.Empty(await host.Services.GetRequiredService<CommissionNetting>().ApplicationsAsync(2, owed.Id, default));
    }

    [Fact]
    public async Task ConcurrentPayments_NeverNetMoreThanTheCollectionsAmount()
    {
        await using var host = await ApiHost.StartAsync(azurite);
        var owed = await OwesAsync(host, 2, 4000);
        var appointments = new List<int>();
        for (var i = 0; i < 6; i++) appointments.Add(await host.NewAppointmentAsync(2));

        var bodies = await Task.WhenAll(appointments.Select(async a => await ApiAssert.Json(await host.ProcessAsync(2, Payments.Body(a, "tok_visa")), 200)));

        var netted = bodies.Sum(b => b.GetProperty("netted_commission").GetDecimal());
        var stored = await StoredAsync(host, owed);
        Assert.True(stored.NettedMinor <= 4000, $"netted {stored.NettedMinor}");
        Assert.Equal(stored.NettedMinor, (long)(netted * 100));
        Assert.Equal(0L, stored.ReservedMinor);
        Assert.Equal(stored.NettedMinor, bodies.Sum(b => FeeOf(host, b) - 1500));
        Assert.All(bodies, b => Assert.True(b.GetProperty("netted_commission").GetDecimal() <= 18.75m));
        Assert.Equal(stored.NettedMinor, (await host.Services.GetRequiredService<CommissionNetting>().ApplicationsAsync(2, owed.Id, default)).Sum(a => a.Amount.Minor));
    }

    [Fact]
    public async Task AnExternalPayment_NeverNets()
    {
        await using var host = await ApiHost.StartAsync(azurite);
        var owed = await OwesAsync(host, 1, 3000);

        var body = await ApiAssert.Json(await host.ProcessAsync(1, Payments.Body(await host.NewAppointmentAsync(1), "cnon:card-nonce-ok")), 200);

        Assert.Equal("external", body.GetProperty("payment_type").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, body.GetProperty("netted_commission").ValueKind);
        var stored = await StoredAsync(host, owed);
        Assert.Equal((0L, 0L), (stored.NettedMinor, stored.ReservedMinor));
    }

    [Fact]
    public async Task APaymentThatFallsBackToThePlatform_Nets_InTheSameTransactionAsItsRedirect()
    {
        await using var host = await ApiHost.StartAsync(azurite);
        var owed = await OwesAsync(host, 1, 3000);
        host.Simulators.Square.Outage = true;

        var body = await ApiAssert.Json(await host.ProcessAsync(1, Payments.Body(await host.NewAppointmentAsync(1), "cnon:card-nonce-ok", platformCard: "tok_visa")), 200);

        Assert.Equal(("fallback", "18.75"), (body.GetProperty("routing_decision").GetString(), body.GetProperty("netted_commission").GetRawText()));
        Assert.Equal(1500 + 1875, FeeOf(host, body));
        var stored = await StoredAsync(host, owed);
        Assert.Equal((1875L, 0L), (stored.NettedMinor, stored.ReservedMinor));
    }

    [Fact]
    public async Task AReservationHeldByACrashedPayment_KeepsTheCollectionOpen_UntilTheReconcilerReleasesIt()
    {
        await using var host = await ApiHost.StartAsync(azurite);
        var owed = await OwesAsync(host, 2, 3000);
        var netting = host.Services.GetRequiredService<CommissionNetting>();
        var ledger = host.Services.GetRequiredService<PaymentLedger>();

        // Begun as the payment path does, then "crashed" before calling Stripe.
        var appointment = await host.NewAppointmentAsync(2);
        var attempt = new PaymentAttempt(Guid.NewGuid().ToString("N")[..24], 2, appointment, new Money(7500, Currency.Usd), "centralized", "stripe_platform", null,
            AttemptStatus.Pending, new Money(248, Currency.Usd), new Money(1500, Currency.Usd), true, "crash-" + Guid.NewGuid().ToString("N")[..16],
            DateTimeOffset.UtcNow.AddMinutes(-5));
        var recorded = await ledger.BeginAsync(attempt, netting.ReserveAsync, default);
        Assert.Equal((1875L, owed.Id), (recorded.NettedCommission!.Value.Minor, recorded.NettingCollectionId!.Value));
        Assert.Equal(1875L, (await StoredAsync(host, owed)).ReservedMinor);

        Assert.Null(await netting.CloseAsync(2, owed.RowKey, default));
        Assert.False((await StoredAsync(host, owed)).NettingClosed);

        // The reconciler finds no charge at Stripe: the attempt failed, and its reservation is released with it.
        Assert.Equal(1, await host.Services.GetRequiredService<PaymentReconciler>().ReconcileAsync(DateTimeOffset.UtcNow.AddMinutes(-2), default));
        var released = await StoredAsync(host, owed);
        Assert.Equal((0L, 0L), (released.ReservedMinor, released.NettedMinor));

        var closed = await netting.CloseAsync(2, owed.RowKey, default);
        Assert.True(closed!.NettingClosed);
        Assert.Equal(3000L, closed.Remaining.Minor);

        // Closed at the due date: later payments net nothing from it.
        var after = await ApiAssert.Json(await host.ProcessAsync(2, Payments.Body(await host.NewAppointmentAsync(2), "tok_visa")), 200);
        Assert.Equal("0.00", after.GetProperty("netted_commission").GetRawText());
        Assert.Equal(1500, FeeOf(host, after));
    }

    [Fact]
    public async Task AChargeMadeBeforeACrash_IsNettedWhenTheReconcilerSettlesIt()
    {
        await using var host = await ApiHost.StartAsync(azurite);
        var owed = await OwesAsync(host, 2, 3000);
        var netting = host.Services.GetRequiredService<CommissionNetting>();
        var appointment = await host.NewAppointmentAsync(2);
        var attempt = new PaymentAttempt(Guid.NewGuid().ToString("N")[..24], 2, appointment, new Money(7500, Currency.Usd), "centralized", "stripe_platform", null,
            AttemptStatus.Pending, new Money(248, Currency.Usd), new Money(1500, Currency.Usd), true, "crash-" + Guid.NewGuid().ToString("N")[..16],
            DateTimeOffset.UtcNow.AddMinutes(-5));
        var recorded = await host.Services.GetRequiredService<PaymentLedger>().BeginAsync(attempt, netting.ReserveAsync, default);
        var processors = await host.Services.GetRequiredService<Routing.BarberProcessorsReader>().ReadAsync(2, default);
        await host.Services.GetRequiredService<PaymentGateways>().ChargePlatformAsync(new ChargeRequest(recorded.AttemptId, recorded.ProcessorIdempotencyKey,
            recorded.Amount, recorded.Commission, "tok_visa", 2, appointment, "crash test", null, recorded.NettedCommission), processors.PlatformAccount!, default);

        var reconciler = host.Services.GetRequiredService<PaymentReconciler>();
        Assert.Equal(1, await reconciler.ReconcileAsync(DateTimeOffset.UtcNow.AddMinutes(-2), default));
        Assert.Equal(0, await reconciler.ReconcileAsync(DateTimeOffset.UtcNow.AddMinutes(-2), default));

        var stored = await StoredAsync(host, owed);
        Assert.Equal((1875L, 0L), (stored.NettedMinor, stored.ReservedMinor));
        Assert.Single(await netting.ApplicationsAsync(2, owed.Id, default));
    }
}
