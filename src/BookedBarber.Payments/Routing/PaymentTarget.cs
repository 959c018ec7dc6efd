using BookedBarber.Payments.Errors;
using BookedBarber.Payments.Booking;
using BookedBarber.Payments.Amounts;

namespace BookedBarber.Payments.Routing;

/// <summary>What a route, test-routing or process request is about: an appointment the caller may act on, an amount, a preference.</summary>
public sealed record PaymentTarget(Appointment Appointment, Money Amount, ClientPreference? Preference)
{
    public int BarberId => Appointment.BarberId;

    /// <summary>The part of the amount above the appointment's price: the client's tip, on which no commission is taken.</summary>
    public Money Tip => Amount.Currency == Appointment.Price.Currency && Amount.Minor > Appointment.Price.Minor
        ? Amount - Appointment.Price
        : Money.Zero(Amount.Currency);

    /// <summary>What the router needs to know of this payment and the barber's processors.</summary>
    public RoutingRequest RequestFor(BarberProcessors processors) => processors.Request(Amount, Preference, Tip);

    /// <summary>
    /// The amount pays the appointment: at least its price, at most the price plus a tip of <paramref name="maxTipRate"/>
    /// of it. Otherwise 400 <c>INVALID_PAYMENT_AMOUNT</c> (0.01 must not pay a 75.00 appointment, nor 1,000,000.00 another).
    /// </summary>
    public static void CheckCovers(Money amount, Money price, decimal maxTipRate)
    {
        if (amount.Minor < price.Minor)
            throw InvalidAmount($"amount must cover the appointment's price of {price}.", amount, price, "below the appointment's price");
        var most = price + price.Times(maxTipRate);
        if (amount.Minor > most.Minor)
            throw InvalidAmount($"amount may exceed the appointment's price of {price} by a tip of at most {price.Times(maxTipRate)}.", amount, price, "tip above the maximum");
    }

    /// <summary>
    /// The routed processor will take this amount and it pays for itself: not below the processor's minimum charge, and
    /// above what the payment costs the barber (processing fee and commission). Checked before any processor is called.
    /// </summary>
    public void EnsureChargeable(Routed routed)
    {
        if (ChargeMinimums.For(routed.Processor, Amount.Currency) is { } minimum && Amount.Minor < minimum.Minor)
            throw InvalidAmount($"amount is below {routed.Processor.Processor}'s minimum charge of {minimum}.", Amount, Appointment.Price, "below the processor's minimum charge");
        if (Amount.Minor <= routed.Fees.Total.Minor)
            throw InvalidAmount($"amount does not cover its own fees ({routed.Fees.Total}).", Amount, Appointment.Price, "below the payment's fees");
    }

    private static DomainException InvalidAmount(string message, Money amount, Money price, string reason) =>
        new(ErrorCodes.InvalidPaymentAmount, message, new Dictionary<string, object?>
        {
            ["field"] = "amount", ["amount"] = amount.ToMajor(), ["appointment_price"] = price.ToMajor(), ["reason"] = reason,
        });

    public static ClientPreference? ParsePreference(string? preference) => preference switch
    {
        null => null,
        "platform" => ClientPreference.Platform,
        "external" => ClientPreference.External,
        _ => throw DomainException.Validation("client_preference", "client_preference must be platform or external."),
    };
}
