using BookedBarber.Payments.Amounts;
using BookedBarber.Payments.Connections;
using BookedBarber.Payments.ExternalTransactions;
using BookedBarber.Payments.Processors.Square;

namespace BookedBarber.Payments.Sync;

/// <summary>
/// A Square payment as an external transaction: the amount is what the client paid (total_money: amount + tip); APPROVED
/// and PENDING are pending, COMPLETED completed, FAILED and CANCELED failed, and any refunded_money makes it refunded with
/// that amount; processor_fees is the sum of Square's processing_fee entries (INITIAL and later ADJUSTMENTs, which may be
/// negative), null while Square has assessed none. Square payments carry no numeric version, so updated_at orders
/// observations (Square bumps it on every change). The booking match is the reconciler's to decide.
/// </summary>
public static class SquarePaymentMapper
{
    public const string Source = "sync";

    public static ExternalTransaction ToTransaction(SquarePayment payment, ProcessorConnection connection, string source = Source)
    {
        var currencyCode = payment.TotalMoney?.Currency ?? payment.AmountMoney?.Currency ?? connection.DefaultCurrency;
        var currency = Currency.TryParse(currencyCode, out var known) ? known : Currency.Usd;
        Money? Of(SquareMoney? money) => money is null ? null : new Money(money.Amount, currency);
        var total = payment.TotalMoney?.Amount ?? (payment.AmountMoney?.Amount ?? 0) + (payment.TipMoney?.Amount ?? 0);
        var refunded = Of(payment.RefundedMoney);
        var status = payment.Status switch
        {
            SquarePaymentStatus.Completed => ExternalTransactionStatus.Completed,
            SquarePaymentStatus.Failed or SquarePaymentStatus.Canceled => ExternalTransactionStatus.Failed,
            _ => ExternalTransactionStatus.Pending,
        };
        if (refunded is { IsPositive: true } && status != ExternalTransactionStatus.Failed) status = ExternalTransactionStatus.Refunded;
        var card = payment.CardDetails;
        return new ExternalTransaction(
            0,
            connection.BarberId,
            connection.Id,
            ProcessorTypes.Square,
            payment.Id,
            new Money(total, currency),
            status,
            payment.CreatedAt ?? payment.UpdatedAt ?? DateTimeOffset.UnixEpoch,
            ProcessorFees: payment.TotalProcessingFee is { } fee ? new Money(fee.Amount, currency) : null,
            RefundedAmount: refunded is { IsPositive: true } ? refunded : null,
            TipAmount: Of(payment.TipMoney),
            ExternalCustomerId: payment.CustomerId,
            CardBrand: card?.Card?.CardBrand,
            LastFour: card?.Card?.Last4,
            EntryMethod: card?.EntryMethod,
            Reference: payment.ReferenceId,
            Note: payment.Note,
            Version: (payment.UpdatedAt ?? payment.CreatedAt)?.ToUnixTimeMilliseconds(),
            Source: source);
    }
}
