using BookedBarber.Payments.Amounts;
using BookedBarber.Payments.ExternalTransactions;

namespace BookedBarber.Payments.Collections;

/// <summary>
/// What commission an outside transaction bears: the rate in force when it was processed, on the service price (the
/// amount less the tip), rounded once, half away from zero, to the currency's minor unit. A refund reduces it by the
/// commission on the refunded share; a dispute takes it all. The one place these rules live.
/// </summary>
public static class CommissionCalculator
{
    /// <summary>Whether the platform is owed commission on it at all: a completed (or later refunded) payment matched to a booking.</summary>
    public static bool Bears(ExternalTransaction t) =>
        t.ReconciliationStatus == ReconciliationStatus.Matched && t.Succeeded;

    /// <summary>The commission on the whole payment, before any refund.</summary>
    public static Money Full(ExternalTransaction t, decimal rate)
    {
        var service = t.Amount - (t.TipAmount ?? Money.Zero(t.Amount.Currency));
        return service.IsPositive ? service.Times(rate) : Money.Zero(t.Amount.Currency);
    }

    /// <summary>The commission owed now: the full commission less the commission on what was refunded; nothing once disputed or when it bears none.</summary>
    public static Money Owed(ExternalTransaction t, decimal rate)
    {
        if (!Bears(t) || t.Disputed) return Money.Zero(t.Amount.Currency);
        var full = Full(t, rate);
        return full - RefundedShare(full, t.Amount, t.RefundedAmount);
    }

    /// <summary>The commission on the refunded part of a payment whose full commission is <paramref name="full"/>.</summary>
    public static Money RefundedShare(Money full, Money amount, Money? refunded)
    {
        if (refunded is not { IsPositive: true } r || !amount.IsPositive) return Money.Zero(full.Currency);
        if (r >= amount) return full;
        return full.Times((decimal)r.Minor / amount.Minor);
    }

    /// <summary>
    /// The credit a claimed transaction is owed now: what its collection charged for it, less what it would owe today,
    /// less what earlier credits already gave back (never negative).
    /// </summary>
    public static Money CreditDue(CommissionItem item, ExternalTransaction now)
    {
        var owedNow = now.Disputed || !now.Succeeded ? 0 : Math.Max(0, Full(now, item.Rate).Minor - RefundedShare(Full(now, item.Rate), now.Amount, now.RefundedAmount).Minor);
        return new Money(Math.Max(0, item.CommissionMinor - owedNow - item.CreditedMinor), item.Currency);
    }
}
