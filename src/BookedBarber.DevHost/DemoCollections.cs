using BookedBarber.Payments.Collections;
using BookedBarber.Payments.Connections;
using BookedBarber.Payments.ExternalTransactions;
using BookedBarber.Payments.Routing;
using BookedBarber.Payments.Sync;
using BookedBarber.ProcessorSimulators;

namespace BookedBarber.DevHost;

/// <summary>
/// Six weeks of barber 1's commission collections, made by the real builder and charger against the Stripe simulator
/// with a clock moved day by day through those weeks, each day doing what the daily timer does (build up to the end of
/// the last week, then act on what is due). The commission comes from the history's Square payments (<see cref="DemoHistory"/>).
/// The result, W0 being the latest Monday 00:00 UTC:
/// <list type="bullet">
/// <item>cutoffs W0−42, W0−35, W0−28: <c>collected</c> by Connect debits (the first holds everything since the history
/// began; a payment of it is refunded at Square after it was collected, so W0−35's carries a credit);</item>
/// <item>W0−21: <c>failed</c>: the Connect account's balance was empty (<c>balance_insufficient</c>) at the first
/// attempt and every dunning retry, so it waits with <c>needs_operator</c> for a retry;</item>
/// <item>W0−14 and W0−7: <c>due</c>: the barber turned auto-collection off after the failures, so these wait for an operator;</item>
/// <item>W0: <c>pending</c> (built now, due tomorrow); and a payment taken at the chair since W0 stays in the open pool.</item>
/// </list>
/// Seeded once: when barber 1 has any collection nothing is done.
/// </summary>
public static class DemoCollections
{
    public const int BarberId = 1;
    public const int Weeks = 6;
    public const string ConnectAccount = "acct_demo_barber_1";

    /// <summary>The week whose collection failed: its cutoff is W0 − this many weeks.</summary>
    public const int FailedWeek = 3;

    /// <summary>The appointment of the payment taken at the chair since the last cutoff (the open pool).</summary>
    public const int OpenPoolAppointmentId = 930_001;

    /// <summary>Stripe's code for a debit the Connect balance cannot cover: the failed collection's.</summary>
    public const string BalanceInsufficient = "balance_insufficient";

    public static async Task SeedAsync(IServiceProvider services, SimulatorServer simulators, CancellationToken cancellationToken)
    {
        var store = services.GetRequiredService<CollectionStore>();
        var stored = new List<CommissionCollection>();
        await foreach (var c in store.ListAsync(BarberId, null, null, cancellationToken)) stored.Add(c);
        if (stored.Count > 0)
        {
            RestoreSimulator(stored, simulators);
            return;
        }
        var connection = await DemoSquareConnection.FindAsync(services, cancellationToken);
        if (connection is null) return;

        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var w0 = CollectionPeriods.LastEnd(CollectionPeriods.Weekly, now);
        var clock = new DemoClock(w0);
        var builder = ActivatorUtilities.CreateInstance<CollectionBuilder>(services, clock);
        var charger = ActivatorUtilities.CreateInstance<CollectionCharger>(services, clock);
        var configs = services.GetRequiredService<PaymentConfigStore>();
        var stripe = simulators.Stripe;

        // Day by day at the timer's hour, from the first weekly cutoff to the day before the last one (W0's is built now, below).
        for (var day = w0.AddDays(-7 * Weeks).AddHours(6); day < w0; day = day.AddDays(1))
        {
            clock.Set(day);
            var daysBeforeW0 = (int)Math.Round((w0 - day.AddHours(-6)).TotalDays);
            if (daysBeforeW0 == 7 * FailedWeek - 1) stripe.SetAvailableBalance(ConnectAccount, 0); // the failed week's due day: the account is empty
            if (daysBeforeW0 == 7 * (FailedWeek - 1))
                await configs.UpdateAsync(BarberId, c => c with { AutoCollectionEnabled = false }, cancellationToken); // after three failures
            if (daysBeforeW0 == 7 * Weeks - 2) await RefundCollectedPaymentAsync(services, simulators, store, connection, cancellationToken);

            await builder.BuildAsync(BarberId, CollectionPeriods.LastEnd(CollectionPeriods.Weekly, day), cancellationToken);
            await charger.ActAsync(BarberId, operatorRun: false, cancellationToken);
        }

        // This week's collection, built now (so not due before tomorrow), then one payment into the open pool.
        await services.GetRequiredService<CollectionBuilder>().BuildAsync(BarberId, w0, cancellationToken);
        await TakeOpenPoolPaymentAsync(services, simulators, connection, w0, now, cancellationToken);
    }

    /// <summary>
    /// The simulators live in memory, the collections in storage: each later start puts the Connect debits the stored
    /// collections record back at the Stripe simulator (so the invariant check holds across restarts) and, while the demo's
    /// failed collection still waits for its retry, empties the Connect account again, as it was when that charge failed.
    /// </summary>
    private static void RestoreSimulator(IReadOnlyList<CommissionCollection> collections, SimulatorServer simulators)
    {
        foreach (var c in collections)
        {
            if (c is not { Status: CollectionStatus.Collected, ChargeMethod: CollectionMethods.StripeConnect, ChargeId: { } chargeId, CollectedAt: { } at }) continue;
            simulators.Stripe.RestoreDebit(chargeId, ConnectAccount, c.Remaining.Minor + c.ProcessingFeeMinor, c.Currency.Code,
                new Dictionary<string, string>
                {
                    ["collection_id"] = c.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    ["barber_id"] = c.BarberId.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    ["attempt"] = c.RetryAttempt.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    ["purpose"] = StripeCollectionGateway.Purpose,
                }, at, FormattableString.Invariant($"BookedBarber commission collection {c.Id}"));
        }
        if (collections.Any(c => c is { Status: CollectionStatus.Failed, FailureCode: BalanceInsufficient }))
            simulators.Stripe.SetAvailableBalance(ConnectAccount, 0);
    }

    /// <summary>Half of the first collection's first payment refunded at Square after it was collected, brought in by a sync.</summary>
    private static async Task RefundCollectedPaymentAsync(IServiceProvider services, SimulatorServer simulators, CollectionStore store,
        ProcessorConnection connection, CancellationToken cancellationToken)
    {
        CommissionCollection? first = null;
        await foreach (var c in store.ListAsync(BarberId, null, null, cancellationToken)) first = c; // newest first: the last is the oldest
        if (first is not { Status: CollectionStatus.Collected }) return;
        var transactions = services.GetRequiredService<ExternalTransactionStore>();
        ExternalTransaction? refunded = null;
        await foreach (var t in transactions.QueryAsync(BarberId, null, null, cancellationToken))
            if (t.Id == first.TransactionIds[0]) refunded = t;
        if (refunded is null) return;

        var refund = simulators.Square.RefundPayment(refunded.ExternalTransactionId, refunded.Amount.Minor / 2, "Client unhappy with the fade");
        if (refund.Status == "PENDING")
        {
            try { simulators.Square.CompleteRefund(refund.Id); }
            catch (InvalidOperationException) { } // it completed on its own meanwhile
        }
        await services.GetRequiredService<TransactionSyncEngine>().RunAsync(connection, since: refunded.ProcessedAt.AddMinutes(-1), force: false, bounded: false, cancellationToken);
    }

    /// <summary>A Skin Fade paid at the chair between W0 and now, naming its booking: matched, claimed by no collection yet.</summary>
    private static async Task TakeOpenPoolPaymentAsync(IServiceProvider services, SimulatorServer simulators, ProcessorConnection connection,
        DateTimeOffset w0, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var at = now - TimeSpan.FromTicks(Math.Min(TimeSpan.FromHours(2).Ticks, (now - w0).Ticks / 2));
        Payments.Amounts.Money.TryFromMajor(45.00m, Payments.Amounts.Currency.Usd, out var price);
        await services.GetRequiredService<Payments.Booking.BookingDirectory>().AddAppointmentIfAbsentAsync(
            new Payments.Booking.Appointment(OpenPoolAppointmentId, BarberId, 104, "Devon Brooks", "Skin Fade", at.AddMinutes(-45), price), cancellationToken);
        var payment = simulators.Square.TakeInPersonPayment(connection.AccountId, price.Minor, referenceId: AppointmentReference.Format(OpenPoolAppointmentId), createdAt: at);
        simulators.Square.SettleFees(payment.Id);
        await services.GetRequiredService<TransactionSyncEngine>().RunAsync(connection, since: at.AddMinutes(-1), force: false, bounded: false, cancellationToken);
    }

    /// <summary>The seeder's clock, set to each day it acts on.</summary>
    private sealed class DemoClock(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset _now = start;

        public void Set(DateTimeOffset now) => _now = now;

        public override DateTimeOffset GetUtcNow() => _now;
    }
}
