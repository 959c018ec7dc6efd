using BookedBarber.Payments.Amounts;

namespace BookedBarber.Payments.Analytics.Rollups;

/// <summary>
/// What one barber's payments of one mode (centralized, external, fallback) add up to over some days, in one currency.
/// Every field is a sum, so totals of any period are the sum of its days. Definitions (the README's "Analytics" section
/// is the public copy): <see cref="Payments"/> counts settled payments (completed, declined, failed; pending ones are in
/// flight); <see cref="Volume"/> sums what succeeded payments took, tips included, before refunds;
/// <see cref="NetEarnings"/> is Volume − Refunds − ProcessingFees − CommissionDeducted − CommissionOwed.
/// </summary>
public sealed record ModeTotals(
    Currency Currency,
    int Payments,
    int Successes,
    Money Volume,
    Money ProcessingFees,
    Money CommissionDeducted,
    Money CommissionOwed,
    Money CommissionCollected,
    Money Tips,
    Money Refunds,
    Money NetEarnings,
    Money FeesSaved,
    long DurationMsTotal,
    int DurationCount,
    int RefundedPayments,
    int DisputedPayments)
{
    public static ModeTotals Zero(Currency currency)
    {
        var zero = Money.Zero(currency);
        return new(currency, 0, 0, zero, zero, zero, zero, zero, zero, zero, zero, zero, 0, 0, 0, 0);
    }

    /// <summary>
    /// This sum with <paramref name="other"/> added: all of it in the same currency; in another currency only its numbers
    /// of payments and successes (money is never added across currencies).
    /// </summary>
    public ModeTotals PlusCounting(ModeTotals other) =>
        other.Currency == Currency ? Plus(other) : this with { Payments = Payments + other.Payments, Successes = Successes + other.Successes };

    public ModeTotals Plus(ModeTotals other) => new(
        Currency,
        Payments + other.Payments,
        Successes + other.Successes,
        Volume + other.Volume,
        ProcessingFees + other.ProcessingFees,
        CommissionDeducted + other.CommissionDeducted,
        CommissionOwed + other.CommissionOwed,
        CommissionCollected + other.CommissionCollected,
        Tips + other.Tips,
        Refunds + other.Refunds,
        NetEarnings + other.NetEarnings,
        FeesSaved + other.FeesSaved,
        DurationMsTotal + other.DurationMsTotal,
        DurationCount + other.DurationCount,
        RefundedPayments + other.RefundedPayments,
        DisputedPayments + other.DisputedPayments);
}
