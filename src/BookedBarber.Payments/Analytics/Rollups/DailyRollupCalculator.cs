using BookedBarber.Payments.Amounts;
using BookedBarber.Payments.Collections;
using BookedBarber.Payments.Connections;
using BookedBarber.Payments.ExternalTransactions;
using BookedBarber.Payments.Ledger;
using BookedBarber.Payments.Routing;

namespace BookedBarber.Payments.Analytics.Rollups;

/// <summary>
/// The one place a ledger's payments become daily rollups (definitions on <see cref="ModeTotals"/> and in the README).
/// A platform payment attempt counts on the local day it was made, under its routing decision; an outside transaction on
/// the local day it was processed, under "external". An external attempt that completed is the same payment as the
/// outside transaction recorded for it, so it counts once, as that transaction (as the attempt itself only while the
/// transaction is not recorded yet). Later refunds, fee changes, disputes and collections change the payment's
/// own day.
/// </summary>
public static class DailyRollupCalculator
{
    private readonly record struct Key(DateOnly Day, string Mode, Currency Currency);

    /// <summary>One payment, whichever row it came from, as rollups see it.</summary>
    private sealed record Payment(
        DateOnly Day,
        string Mode,
        Money Amount,
        bool Settled,
        bool Succeeded,
        Money ProcessingFee,
        Money CommissionDeducted,
        Money CommissionOwed,
        Money CommissionCollected,
        Money Tip,
        Money Refunded,
        bool Disputed,
        long? DurationMs,
        Money? FeeSaved,
        int? ClientId);

    /// <summary>
    /// The rollups of every (local day, mode, currency) the snapshot has payments on, only days in [from, to] when given.
    /// <paramref name="firstPaid"/> is the local day each client first paid this barber (for returning clients).
    /// </summary>
    public static IReadOnlyList<DailyRollup> Compute(LedgerSnapshot ledger, TimeZoneInfo zone, IReadOnlyDictionary<int, DateOnly> firstPaid,
        DateOnly? from = null, DateOnly? to = null)
    {
        var rollups = new List<DailyRollup>();
        var payments = Payments(ledger, zone)
            .Where(p => p.Settled && (from is null || p.Day >= from) && (to is null || p.Day <= to));
        foreach (var group in payments.GroupBy(p => new Key(p.Day, p.Mode, p.Amount.Currency)).OrderBy(g => g.Key.Day).ThenBy(g => g.Key.Mode, StringComparer.Ordinal))
        {
            var totals = group.Aggregate(ModeTotals.Zero(group.Key.Currency), Add);
            var clients = group.Where(p => p.Succeeded && p.ClientId is not null).Select(p => p.ClientId!.Value).Distinct().Order().ToList();
            var returning = clients.Count(c => firstPaid.TryGetValue(c, out var first) && first < group.Key.Day);
            rollups.Add(new DailyRollup(group.Key.Day, group.Key.Mode, totals, clients, returning));
        }
        return rollups;
    }

    /// <summary>The local day each client in the snapshot first paid (a succeeded payment).</summary>
    public static IReadOnlyDictionary<int, DateOnly> FirstPaidDays(LedgerSnapshot ledger, TimeZoneInfo zone) =>
        Payments(ledger, zone)
            .Where(p => p.Succeeded && p.ClientId is not null)
            .GroupBy(p => p.ClientId!.Value)
            .ToDictionary(g => g.Key, g => g.Min(p => p.Day));

    private static ModeTotals Add(ModeTotals sum, Payment p)
    {
        var zero = Money.Zero(p.Amount.Currency);
        var volume = p.Succeeded ? p.Amount : zero;
        var refunded = p.Succeeded ? p.Refunded : zero;
        var fee = p.Succeeded ? p.ProcessingFee : zero;
        var net = volume - refunded - fee - p.CommissionDeducted - p.CommissionOwed;
        return new ModeTotals(
            sum.Currency,
            sum.Payments + 1,
            sum.Successes + (p.Succeeded ? 1 : 0),
            sum.Volume + volume,
            sum.ProcessingFees + fee,
            sum.CommissionDeducted + p.CommissionDeducted,
            sum.CommissionOwed + p.CommissionOwed,
            sum.CommissionCollected + p.CommissionCollected,
            sum.Tips + (p.Succeeded ? p.Tip : zero),
            sum.Refunds + refunded,
            sum.NetEarnings + net,
            sum.FeesSaved + (p.Succeeded ? p.FeeSaved ?? zero : zero),
            sum.DurationMsTotal + (p.Succeeded ? p.DurationMs ?? 0 : 0),
            sum.DurationCount + (p.Succeeded && p.DurationMs is not null ? 1 : 0),
            sum.RefundedPayments + (p.Succeeded && refunded.IsPositive ? 1 : 0),
            sum.DisputedPayments + (p.Succeeded && p.Disputed ? 1 : 0));
    }

    private static IEnumerable<Payment> Payments(LedgerSnapshot ledger, TimeZoneInfo zone)
    {
        var recorded = ledger.Transactions.Where(t => t.AttemptId is not null).Select(t => t.AttemptId!).ToHashSet(StringComparer.Ordinal);
        foreach (var a in ledger.Attempts)
        {
            if (a.Decision == AnalyticsModes.External && a.Status == AttemptStatus.Completed && recorded.Contains(a.AttemptId)) continue;
            yield return FromAttempt(a, zone, ledger.ClientOfAppointment);
        }
        var items = ledger.Items.ToDictionary(i => i.TransactionId);
        var collected = ledger.Collections.Where(c => c.Status == CollectionStatus.Collected).Select(c => c.Id).ToHashSet();
        var creditsGiven = ledger.Credits.Where(c => collected.Contains(c.CollectionId))
            .GroupBy(c => c.TransactionId).ToDictionary(g => g.Key, g => g.Sum(c => c.AmountMinor));
        foreach (var t in ledger.Transactions)
        {
            items.TryGetValue(t.Id, out var item);
            yield return FromTransaction(t, zone, item, item is not null && collected.Contains(item.CollectionId),
                creditsGiven.GetValueOrDefault(t.Id), ledger.Rates);
        }
    }

    private static Payment FromAttempt(PaymentAttempt a, TimeZoneInfo zone, IReadOnlyDictionary<int, int> clients)
    {
        var currency = a.Amount.Currency;
        var zero = Money.Zero(currency);
        var succeeded = a.Status == AttemptStatus.Completed;
        var onPlatform = AnalyticsModes.OnPlatform(a.Decision);
        // Commission on a platform charge is deducted from it; an outside charge made through us owes its commission.
        var deducted = succeeded && onPlatform && a.CommissionCollected ? a.Commission : zero;
        var owed = succeeded && !onPlatform && a.DisputedAt is null ? a.Commission : zero;
        return new Payment(
            DayOf(a.CreatedAt, zone),
            a.Decision,
            a.Amount,
            a.Status is AttemptStatus.Completed or AttemptStatus.Declined or AttemptStatus.Failed,
            succeeded,
            a.ProcessingFee,
            deducted,
            owed,
            zero,
            a.Tip ?? zero,
            a.Refunded ?? zero,
            a.DisputedAt is not null,
            a.DurationMs,
            onPlatform ? null : Saved(a.Amount, a.ProcessingFee),
            clients.TryGetValue(a.AppointmentId, out var client) ? client : null);
    }

    private static Payment FromTransaction(ExternalTransaction t, TimeZoneInfo zone, CommissionItem? item, bool collectionCollected, long creditsGiven,
        CommissionRateTimeline rates)
    {
        var zero = Money.Zero(t.Amount.Currency);
        var rate = item?.Rate ?? rates.At(t.ProcessedAt);
        var collected = collectionCollected && item is not null ? new Money(Math.Max(0, item.CommissionMinor - creditsGiven), t.Amount.Currency) : zero;
        return new Payment(
            DayOf(t.ProcessedAt, zone),
            AnalyticsModes.External,
            t.Amount,
            t.Status != ExternalTransactionStatus.Pending,
            t.Succeeded,
            t.ProcessorFees ?? zero,
            zero,
            CommissionCalculator.Owed(t, rate),
            collected,
            t.TipAmount ?? zero,
            t.RefundedAmount ?? zero,
            t.Disputed,
            null,
            t.ProcessorFees is { } fee ? Saved(t.Amount, fee) : null,
            t.ClientId);
    }

    /// <summary>What the platform's Stripe would have charged for the payment less what the outside processor did; null in a currency the platform does not take.</summary>
    private static Money? Saved(Money amount, Money fee) =>
        FeeSchedule.PlatformStripe(amount.Currency) is { } platform ? FeeCalculator.Estimate(amount, platform, 0).ProcessingFee - fee : null;

    private static DateOnly DayOf(DateTimeOffset instant, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);
}
