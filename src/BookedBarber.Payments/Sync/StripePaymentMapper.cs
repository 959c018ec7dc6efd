using BookedBarber.Payments.Amounts;
using BookedBarber.Payments.Connections;
using BookedBarber.Payments.ExternalTransactions;
using Stripe;

namespace BookedBarber.Payments.Sync;

/// <summary>
/// A PaymentIntent of the barber's own Stripe account as an external transaction: the amount received (or asked, until
/// received); succeeded is completed, canceled or a failed attempt (requires_payment_method with an error) failed,
/// anything else pending; a refunded amount on its latest charge makes it refunded; processor_fees is the latest charge's
/// balance-transaction fee (expanded); the booking reference is metadata <c>appointment_id</c> (as <c>bb-appt-{id}</c>) or
/// a metadata value carrying one.
/// </summary>
public static class StripePaymentMapper
{
    public static ExternalTransaction ToTransaction(PaymentIntent intent, ProcessorConnection connection, string source = SquarePaymentMapper.Source)
    {
        var currency = Currency.TryParse(intent.Currency?.ToUpperInvariant(), out var known) ? known : Currency.Usd;
        var charge = intent.LatestCharge;
        var status = intent.Status switch
        {
            "succeeded" => ExternalTransactionStatus.Completed,
            "canceled" => ExternalTransactionStatus.Failed,
            "requires_payment_method" when intent.LastPaymentError is not null => ExternalTransactionStatus.Failed,
            _ => ExternalTransactionStatus.Pending,
        };
        Money? refunded = charge is { AmountRefunded: > 0 } ? new Money(charge.AmountRefunded, currency) : null;
        if (refunded is not null && status == ExternalTransactionStatus.Completed) status = ExternalTransactionStatus.Refunded;
        var metadata = intent.Metadata ?? new Dictionary<string, string>();
        var reference = metadata.TryGetValue("appointment_id", out var appointment) && int.TryParse(appointment, out var appointmentId) && appointmentId > 0
            ? AppointmentReference.Format(appointmentId)
            : metadata.Values.FirstOrDefault(v => AppointmentReference.TryParse(out _, v));
        var card = charge?.PaymentMethodDetails?.Card;
        return new ExternalTransaction(
            0,
            connection.BarberId,
            connection.Id,
            ProcessorTypes.Stripe,
            intent.Id,
            new Money(intent.AmountReceived > 0 ? intent.AmountReceived : intent.Amount, currency),
            status,
            intent.Created,
            ProcessorFees: charge?.BalanceTransaction is { } balance ? new Money(balance.Fee, currency) : null,
            RefundedAmount: refunded,
            ExternalCustomerId: intent.CustomerId,
            CardBrand: card?.Brand,
            LastFour: card?.Last4,
            EntryMethod: charge?.PaymentMethodDetails?.Type,
            Reference: reference,
            Note: intent.Description,
            Disputed: charge?.Disputed ?? false,
            Source: source);
    }
}
