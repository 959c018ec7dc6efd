using BookedBarber.Payments.Amounts;
using BookedBarber.Payments.Analytics.Rollups;
using BookedBarber.Payments.Collections;
using BookedBarber.Payments.ExternalTransactions;
using BookedBarber.Payments.Ledger;
using BookedBarber.Payments.Routing;

namespace BookedBarber.Payments.UnitTests.Analytics.Rollups;

public sealed class DailyRollupCalculatorTests
{
    private static readonly Currency Usd = Currency.Usd;
    private static readonly DateTimeOffset Noon = new(2026, 11, 10, 17, 0, 0, TimeSpan.Zero);
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    private static Money M(long minor) => new(minor, Usd);

    private static PaymentAttempt Attempt(string id, string decision, string status, long amount, DateTimeOffset at, int appointmentId = 1,
        long fee = 0, long commission = 0, bool collected = false) =>
        new(id, 7, appointmentId, M(amount), decision, decision == "external" ? "square" : "stripe", decision == "external" ? 5 : null, status,
            M(fee), M(commission), collected, "key-" + id, at, ProcessedAt: at, DurationMs: 1200);

    private static ExternalTransaction Transaction(int id, long amount, DateTimeOffset at, long fee = 0, long tip = 0, int? client = null,
        string status = ExternalTransactionStatus.Completed, long? refunded = null, string? attemptId = null) =>
        new(id, 7, 5, "square", "sq-" + id, M(amount), status, at, ProcessorFees: M(fee), RefundedAmount: refunded is { } r ? M(r) : null,
            TipAmount: M(tip), AppointmentId: client is null ? null : 100 + id, ClientId: client,
            ReconciliationStatus: client is null ? ReconciliationStatus.Unmatched : ReconciliationStatus.Matched, AttemptId: attemptId);

    private static LedgerSnapshot Snapshot(IReadOnlyList<PaymentAttempt>? attempts = null, IReadOnlyList<ExternalTransaction>? transactions = null,
        IReadOnlyList<CommissionItem>? items = null, IReadOnlyList<CommissionCollection>? collections = null, IReadOnlyList<CommissionCredit>? credits = null,
        Dictionary<int, int>? clients = null) =>
        new(7, attempts ?? [], transactions ?? [], items ?? [], collections ?? [], credits ?? [], CommissionRateTimeline.Constant(0.20m), clients ?? []);

    private static IReadOnlyList<DailyRollup> Compute(LedgerSnapshot s, TimeZoneInfo? zone = null) =>
        DailyRollupCalculator.Compute(s, zone ?? TimeZoneInfo.Utc, DailyRollupCalculator.FirstPaidDays(s, zone ?? TimeZoneInfo.Utc));

    [Fact]
    public void A_platform_charge_counts_its_fee_and_the_commission_deducted_and_a_decline_counts_only_as_a_payment()
    {
        var rollups = Compute(Snapshot(attempts:
        [
            Attempt("a1", "centralized", AttemptStatus.Completed, 5000, Noon, fee: 175, commission: 1000, collected: true),
            Attempt("a2", "centralized", AttemptStatus.Declined, 4000, Noon.AddMinutes(5)),
            Attempt("a3", "centralized", AttemptStatus.Pending, 4000, Noon.AddMinutes(6)),
        ]));

        var day = Assert.Single(rollups);
        Assert.Equal(("centralized", new DateOnly(2026, 11, 10)), (day.Mode, day.Day));
        Assert.Equal((2, 1), (day.Totals.Payments, day.Totals.Successes));
        Assert.Equal(M(5000), day.Totals.Volume);
        Assert.Equal(M(175), day.Totals.ProcessingFees);
        Assert.Equal(M(1000), day.Totals.CommissionDeducted);
        Assert.Equal(M(5000 - 175 - 1000), day.Totals.NetEarnings);
        Assert.Equal((1200, 1), (day.Totals.DurationMsTotal, day.Totals.DurationCount));
    }

    [Fact]
    public void An_outside_payment_made_through_us_counts_once_as_its_recorded_transaction()
    {
        var rollups = Compute(Snapshot(
            attempts: [Attempt("a1", "external", AttemptStatus.Completed, 5000, Noon, fee: 150, commission: 1000)],
            transactions: [Transaction(1, 5000, Noon.AddSeconds(2), fee: 150, client: 9, attemptId: "a1")]));

        var day = Assert.Single(rollups);
        Assert.Equal("external", day.Mode);
        Assert.Equal((1, 1), (day.Totals.Payments, day.Totals.Successes));
        Assert.Equal(M(1000), day.Totals.CommissionOwed);
        Assert.Equal(M(5000 - 150 - 1000), day.Totals.NetEarnings);
        // Stripe would have charged 2.9% + 30c = 175c: 25c saved.
        Assert.Equal(M(25), day.Totals.FeesSaved);
    }

    [Fact]
    public void A_refund_after_collection_lowers_what_is_owed_and_a_collected_credit_lowers_what_was_collected()
    {
        var collected = new CommissionCollection(1, 7, Usd, CollectionStatus.Collected, "stripe_charge", Noon, Noon, Noon, 0.20m, 1000, 0, [1], ["sq-1"]);
        var later = collected with { Id = 2, CommissionMinor = 0, CreditMinor = 500 };
        var rollups = Compute(Snapshot(
            transactions: [Transaction(1, 5000, Noon, client: 9, refunded: 2500, status: ExternalTransactionStatus.Refunded)],
            items: [new CommissionItem(7, 1, "sq-1", 1, Usd, 5000, 0, 0.20m, 1000, 0, 500, Noon, Noon)],
            collections: [collected, later],
            credits: [new CommissionCredit(7, 2, 1, "sq-1", 1, Usd, 500, 2500, false, Noon)]));

        var day = Assert.Single(rollups);
        Assert.Equal(M(500), day.Totals.CommissionOwed);
        Assert.Equal(M(500), day.Totals.CommissionCollected);
        Assert.Equal(M(2500), day.Totals.Refunds);
        Assert.Equal(1, day.Totals.RefundedPayments);
        Assert.Equal(M(5000 - 2500 - 500), day.Totals.NetEarnings);
    }

    [Fact]
    public void Days_are_the_shops_local_days()
    {
        // 02:30 UTC on 11 November is 21:30 on 10 November in New York.
        var late = new DateTimeOffset(2026, 11, 11, 2, 30, 0, TimeSpan.Zero);
        var rollups = Compute(Snapshot(transactions: [Transaction(1, 5000, late)]), NewYork);
        Assert.Equal(new DateOnly(2026, 11, 10), Assert.Single(rollups).Day);
    }

    [Fact]
    public void A_client_is_returning_on_any_day_after_their_first_paid_day()
    {
        var rollups = Compute(Snapshot(
            attempts:
            [
                Attempt("a1", "centralized", AttemptStatus.Completed, 5000, Noon, appointmentId: 1),
                Attempt("a2", "centralized", AttemptStatus.Completed, 5000, Noon.AddDays(3), appointmentId: 2),
                Attempt("a3", "centralized", AttemptStatus.Completed, 5000, Noon.AddDays(3).AddHours(1), appointmentId: 3),
            ],
            clients: new() { [1] = 41, [2] = 41, [3] = 42 }));

        Assert.Equal([(1, 0), (2, 1)], rollups.Select(r => (r.DistinctClients, r.ReturningClients)));
    }
}
