using BookedBarber.Payments.Amounts;
using BookedBarber.Payments.Analytics.Consistency;
using BookedBarber.Payments.Analytics.Rollups;
using BookedBarber.Payments.Collections;
using BookedBarber.Payments.ExternalTransactions;
using BookedBarber.Payments.Ledger;
using BookedBarber.Payments.Routing;

namespace BookedBarber.Payments.UnitTests.Analytics.Consistency;

/// <summary>
/// The checker's own sums of ledger rows (<see cref="LedgerFigures"/>) against the rollups: the two independent ways of
/// adding a barber's payments agree on a ledger with every kind of row, and an edited rollup is found to the cent.
/// </summary>
public sealed class AnalyticsConsistencyCheckerTests
{
    private static readonly Currency Usd = Currency.Usd;
    private static readonly Currency Eur = Currency.TryParse("EUR", out var eur) ? eur : throw new InvalidOperationException("EUR");
    private static readonly DateTimeOffset Noon = new(2026, 11, 10, 17, 0, 0, TimeSpan.Zero);
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    private static Money M(long minor, Currency? currency = null) => new(minor, currency ?? Usd);

    private static PaymentAttempt Attempt(string id, string decision, string status, long amount, DateTimeOffset at, long fee = 0, long commission = 0,
        bool collected = false, long? refunded = null, bool disputed = false, Currency? currency = null) =>
        new(id, 7, 1, M(amount, currency), decision, decision == "external" ? "square" : "stripe", decision == "external" ? 5 : null, status,
            M(fee, currency), M(commission, currency), collected, "key-" + id, at, ProcessedAt: at, DurationMs: 900, Tip: M(100, currency),
            Refunded: refunded is { } r ? M(r, currency) : null, DisputedAt: disputed ? at.AddDays(1) : null);

    private static ExternalTransaction Transaction(int id, long amount, DateTimeOffset at, long? fee = 30, long tip = 0, bool matched = true,
        string status = ExternalTransactionStatus.Completed, long? refunded = null, string? attemptId = null, bool disputed = false) =>
        new(id, 7, 5, "square", "sq-" + id, M(amount), status, at, ProcessorFees: fee is { } f ? M(f) : null, RefundedAmount: refunded is { } r ? M(r) : null,
            TipAmount: M(tip), AppointmentId: matched ? 100 + id : null, ClientId: matched ? 9 : null,
            ReconciliationStatus: matched ? ReconciliationStatus.Matched : ReconciliationStatus.Unmatched, AttemptId: attemptId, Disputed: disputed);

    /// <summary>A ledger with every kind of row: platform charges (refunded, disputed, declined, pending, another currency),
    /// outside payments made through us (recorded or not yet), synced ones (tipped, refunded, unmatched, failed, disputed),
    /// a collected collection and a credit given back on a later collected one.</summary>
    private static LedgerSnapshot Ledger()
    {
        var collected = new CommissionCollection(1, 7, Usd, CollectionStatus.Collected, "stripe_charge", Noon, Noon, Noon, 0.20m, 1600, 0, [1, 2], ["sq-1", "sq-2"]);
        var later = collected with { Id = 2, CommissionMinor = 0, CreditMinor = 400, TransactionIds = [], ExternalTransactionIds = [] };
        return new LedgerSnapshot(7,
            [
                Attempt("c1", "centralized", AttemptStatus.Completed, 7500, Noon, fee: 248, commission: 1500, collected: true, refunded: 2500),
                Attempt("c2", "centralized", AttemptStatus.Completed, 4000, Noon.AddDays(-3), fee: 146, commission: 800, collected: true, disputed: true),
                Attempt("c3", "centralized", AttemptStatus.Declined, 4000, Noon.AddDays(-2)),
                Attempt("c4", "centralized", AttemptStatus.Pending, 4000, Noon.AddMinutes(1)),
                Attempt("f1", "fallback", AttemptStatus.Completed, 6000, Noon.AddDays(-40), fee: 204, commission: 1200, collected: true),
                Attempt("e1", "external", AttemptStatus.Completed, 5000, Noon.AddHours(-5), fee: 155, commission: 1000),
                Attempt("e2", "external", AttemptStatus.Completed, 3000, Noon.AddHours(-4), fee: 97, commission: 600),
                Attempt("e3", "external", AttemptStatus.Failed, 3000, Noon.AddHours(-3)),
                Attempt("x1", "centralized", AttemptStatus.Completed, 9000, Noon.AddDays(-1), fee: 300, commission: 1800, collected: true, currency: Eur),
            ],
            [
                Transaction(1, 5000, Noon.AddHours(-5).AddSeconds(2), fee: null, attemptId: "e1"),
                Transaction(2, 4200, Noon.AddDays(-6), fee: 122, tip: 700, refunded: 2000, status: ExternalTransactionStatus.Refunded),
                Transaction(3, 1800, Noon.AddDays(-1), fee: 57, matched: false),
                Transaction(4, 2500, Noon.AddDays(-2), status: ExternalTransactionStatus.Failed),
                Transaction(5, 2500, Noon.AddDays(-200), fee: 75, disputed: true),
                Transaction(6, 2500, Noon, status: ExternalTransactionStatus.Pending),
            ],
            [
                new CommissionItem(7, 1, "sq-1", 1, Usd, 5000, 0, 0.20m, 1000, 0, 0, Noon, Noon),
                new CommissionItem(7, 2, "sq-2", 1, Usd, 4200, 700, 0.20m, 700, 0, 400, Noon, Noon),
            ],
            [collected, later],
            [new CommissionCredit(7, 2, 2, "sq-2", 1, Usd, 400, 2000, false, Noon)],
            CommissionRateTimeline.Constant(0.20m),
            new Dictionary<int, int>());
    }

    private static (IReadOnlyDictionary<(string Mode, Currency Currency), LedgerFigures> Expected, RollupWindow Window) Period(LedgerSnapshot ledger, int days)
    {
        var calendar = new BarberCalendar(7, NewYork, Noon.AddHours(1));
        var from = calendar.Today.AddDays(1 - days);
        var window = new RollupWindow(7, NewYork, from, calendar.Today,
            DailyRollupCalculator.Compute(ledger, NewYork, DailyRollupCalculator.FirstPaidDays(ledger, NewYork), from, calendar.Today));
        return (LedgerFigures.Sum(ledger, calendar.StartOf(from), calendar.EndOf(calendar.Today)), window);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(30)]
    [InlineData(365)]
    public void The_ledgers_sums_and_the_rollups_agree_on_every_figure(int days)
    {
        var (expected, window) = Period(Ledger(), days);

        var compared = AnalyticsConsistencyChecker.CompareRollups(7, $"{days}_days", expected, window).ToList();

        Assert.NotEmpty(compared);
        Assert.All(compared, c => Assert.True(c.Expected == c.Actual, $"{c.Figure} {c.Currency}: ledger {c.Expected}, rollups {c.Actual}"));
    }

    [Fact]
    public void The_sums_follow_the_definitions()
    {
        var (expected, _) = Period(Ledger(), 7);

        var platform = expected[("centralized", Usd)];
        // c1 (refunded 25.00) and c2 (disputed) succeeded, c3 declined; c4 is pending and not a payment.
        Assert.Equal((3, 2), (platform[LedgerFigures.Payments], platform[LedgerFigures.Successes]));
        Assert.Equal((11500, 2500, 2300, 394), (platform[LedgerFigures.Volume], platform[LedgerFigures.Refunds], platform[LedgerFigures.CommissionDeducted], platform[LedgerFigures.ProcessingFees]));
        Assert.Equal(11500 - 2500 - 394 - 2300, platform[LedgerFigures.NetEarnings]);
        Assert.Equal((1, 1), (platform[LedgerFigures.RefundedPayments], platform[LedgerFigures.DisputedPayments]));
        Assert.Equal(1, expected[("centralized", Eur)][LedgerFigures.Payments]);

        var outside = expected[("external", Usd)];
        // e1 counts once as transaction 1; e2 has no transaction yet and counts itself; e3 failed; transactions 2 and 3
        // succeeded, 4 failed, 6 is pending; 5 is 200 days old.
        Assert.Equal((6, 4), (outside[LedgerFigures.Payments], outside[LedgerFigures.Successes]));
        Assert.Equal(5000 + 3000 + 4200 + 1800, outside[LedgerFigures.Volume]);
        // Owed: 20% of 50.00, of 30.00 (the attempt's own), of 35.00 service less the refunded share (3500 * 0.2 = 700; 700 * 2000/4200 = 333) = 367.
        Assert.Equal(1000 + 600 + 367, outside[LedgerFigures.CommissionOwed]);
        // Collected: collection 1 took 10.00 and 7.00, and 4.00 was given back on collection 2.
        Assert.Equal(1000 + 700 - 400, outside[LedgerFigures.CommissionCollected]);
        Assert.Equal(0 + 97 + 122 + 57, outside[LedgerFigures.ProcessingFees]);
    }

    [Fact]
    public void An_edited_rollup_is_found_to_the_cent_and_nothing_else_is()
    {
        var (expected, window) = Period(Ledger(), 30);
        var day = window.Days.First(d => d.Mode == "external");
        var edited = window with { Days = [.. window.Days.Select(d => d == day ? d with { Totals = d.Totals with { Volume = d.Totals.Volume + M(1) } } : d)] };

        var findings = AnalyticsConsistencyChecker.CompareRollups(7, "30_days", expected, edited).Where(c => c.Expected != c.Actual).ToList();

        var finding = Assert.Single(findings);
        Assert.Equal((7, "30_days", "rollups", "external.volume", "USD"), (finding.BarberId, finding.Period, finding.Check, finding.Figure, finding.Currency));
        Assert.Equal(0.01m, finding.Actual - finding.Expected);
    }

    [Fact]
    public void A_payment_the_rollups_lost_is_found_in_each_of_its_figures()
    {
        var (expected, window) = Period(Ledger(), 365);
        var lost = window with { Days = [.. window.Days.Where(d => d.Mode != "fallback")] };

        var findings = AnalyticsConsistencyChecker.CompareRollups(7, "1_year", expected, lost).Where(c => c.Expected != c.Actual).ToList();

        Assert.Contains(findings, f => f.Figure == "fallback.volume" && f.Expected == 60.00m && f.Actual == 0m);
        Assert.Contains(findings, f => f.Figure == "fallback.payments" && f.Currency is null && f.Expected == 1 && f.Actual == 0);
        Assert.All(findings, f => Assert.StartsWith("fallback.", f.Figure));
    }
}
