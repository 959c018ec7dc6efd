using BookedBarber.Payments.Amounts;
using BookedBarber.Payments.Analytics.Rollups;
using BookedBarber.Payments.Collections;
using BookedBarber.Payments.ExternalTransactions;
using BookedBarber.Payments.Ledger;

namespace BookedBarber.Payments.Analytics.Consistency;

/// <summary>
/// The figures of one mode in one currency as the consistency checker adds them up straight from ledger rows: money in
/// minor units and counts, by figure name (<see cref="Names"/>). Written from the README's definitions of the rollup
/// figures, deliberately not through <see cref="DailyRollupCalculator"/>: checking the rollups with their own code would
/// prove nothing.
/// </summary>
public sealed class LedgerFigures
{
    public const string Payments = "payments";
    public const string Successes = "successes";
    public const string Volume = "volume";
    public const string ProcessingFees = "processing_fees";
    public const string CommissionDeducted = "commission_deducted";
    public const string CommissionOwed = "commission_owed";
    public const string CommissionCollected = "commission_collected";
    public const string Tips = "tips";
    public const string Refunds = "refunds";
    public const string NetEarnings = "net_earnings";
    public const string RefundedPayments = "refunded_payments";
    public const string DisputedPayments = "disputed_payments";

    /// <summary>Every figure compared, in report order.</summary>
    public static readonly IReadOnlyList<string> Names =
        [Payments, Successes, Volume, ProcessingFees, CommissionDeducted, CommissionOwed, CommissionCollected, Tips, Refunds, NetEarnings, RefundedPayments, DisputedPayments];

    /// <summary>Which figures are money (minor units of the currency); the others are counts.</summary>
    public static bool IsMoney(string figure) => figure is not (Payments or Successes or RefundedPayments or DisputedPayments);

    private readonly Dictionary<string, long> values = Names.ToDictionary(n => n, _ => 0L);

    public long this[string figure] => values[figure];

    private void Add(string figure, long value) => values[figure] += value;

    /// <summary>A rollup total's figures, named the same way, for comparison.</summary>
    public static LedgerFigures Of(ModeTotals totals)
    {
        var f = new LedgerFigures();
        f.Add(Payments, totals.Payments);
        f.Add(Successes, totals.Successes);
        f.Add(Volume, totals.Volume.Minor);
        f.Add(ProcessingFees, totals.ProcessingFees.Minor);
        f.Add(CommissionDeducted, totals.CommissionDeducted.Minor);
        f.Add(CommissionOwed, totals.CommissionOwed.Minor);
        f.Add(CommissionCollected, totals.CommissionCollected.Minor);
        f.Add(Tips, totals.Tips.Minor);
        f.Add(Refunds, totals.Refunds.Minor);
        f.Add(NetEarnings, totals.NetEarnings.Minor);
        f.Add(RefundedPayments, totals.RefundedPayments);
        f.Add(DisputedPayments, totals.DisputedPayments);
        return f;
    }

    /// <summary>
    /// Sums the payments made in [<paramref name="start"/>, <paramref name="end"/>) per (mode, currency), from the whole
    /// ledger <paramref name="rows"/> of one barber (every attempt, transaction, claim, credit and collection).
    /// </summary>
    public static IReadOnlyDictionary<(string Mode, Currency Currency), LedgerFigures> Sum(LedgerSnapshot rows, DateTimeOffset start, DateTimeOffset end)
    {
        var sums = new Dictionary<(string, Currency), LedgerFigures>();
        LedgerFigures For(string mode, Currency currency) =>
            sums.TryGetValue((mode, currency), out var f) ? f : sums[(mode, currency)] = new LedgerFigures();
        bool InPeriod(DateTimeOffset at) => at >= start && at < end;

        // An external attempt is the same payment as the outside transaction that records it.
        var recordedAttempts = new RecordedAttempts(rows.Transactions);
        foreach (var a in rows.Attempts.Where(a => InPeriod(a.CreatedAt)))
        {
            if (a.Status is not (AttemptStatus.Completed or AttemptStatus.Declined or AttemptStatus.Failed)) continue;
            var onPlatform = a.Decision != AnalyticsModes.External;
            if (recordedAttempts.Records(a)) continue;
            var f = For(a.Decision, a.Amount.Currency);
            f.Add(Payments, 1);
            if (a.Status != AttemptStatus.Completed) continue;
            var refunded = a.Refunded?.Minor ?? 0;
            var deducted = onPlatform && a.CommissionCollected ? a.Commission.Minor : 0;
            var owed = !onPlatform && a.DisputedAt is null ? a.Commission.Minor : 0;
            f.Succeeded(a.Amount.Minor, a.ProcessingFee.Minor, a.Tip?.Minor ?? 0, refunded, deducted, owed, 0, a.DisputedAt is not null);
        }

        var claims = rows.Items.ToDictionary(i => i.TransactionId);
        var collected = rows.Collections.Where(c => c.Status == CollectionStatus.Collected).Select(c => c.Id).ToHashSet();
        foreach (var t in rows.Transactions.Where(t => InPeriod(t.ProcessedAt) && t.Status != ExternalTransactionStatus.Pending))
        {
            var f = For(AnalyticsModes.External, t.Amount.Currency);
            f.Add(Payments, 1);
            if (!t.Succeeded) continue;
            var owed = CommissionCalculator.Owed(t, rows.Rates.At(t.ProcessedAt)).Minor;
            long taken = 0;
            if (claims.TryGetValue(t.Id, out var claim) && collected.Contains(claim.CollectionId))
            {
                var givenBack = rows.Credits.Where(c => c.TransactionId == t.Id && collected.Contains(c.CollectionId)).Sum(c => c.AmountMinor);
                taken = Math.Max(0, claim.CommissionMinor - givenBack);
            }
            f.Succeeded(t.Amount.Minor, t.ProcessorFees?.Minor ?? 0, t.TipAmount?.Minor ?? 0, t.RefundedAmount?.Minor ?? 0, 0, owed, taken, t.Disputed);
        }
        return sums;
    }

    private void Succeeded(long amount, long fee, long tip, long refunded, long deducted, long owed, long taken, bool disputed)
    {
        Add(Successes, 1);
        Add(Volume, amount);
        Add(ProcessingFees, fee);
        Add(Tips, tip);
        Add(Refunds, refunded);
        Add(CommissionDeducted, deducted);
        Add(CommissionOwed, owed);
        Add(CommissionCollected, taken);
        Add(NetEarnings, amount - refunded - fee - deducted - owed);
        if (refunded > 0) Add(RefundedPayments, 1);
        if (disputed) Add(DisputedPayments, 1);
    }
}
