using BookedBarber.Payments.Booking;
using BookedBarber.Payments.Configuration;
using BookedBarber.Payments.Http;
using BookedBarber.Payments.Money;
using BookedBarber.Payments.Security;

namespace BookedBarber.Payments.Routing;

/// <summary>What a route, test-routing or process request is about: an appointment the caller may act on, an amount, a preference.</summary>
public sealed record PaymentTarget(Appointment Appointment, Money.Money Amount, ClientPreference? Preference)
{
    public int BarberId => Appointment.BarberId;

    /// <summary>The part of the amount above the appointment's price: the client's tip, on which no commission is taken.</summary>
    public Money.Money Tip => Amount.Currency == Appointment.Price.Currency && Amount.Minor > Appointment.Price.Minor
        ? Amount - Appointment.Price
        : Money.Money.Zero(Amount.Currency);

    /// <summary>What the router needs to know of this payment and the barber's processors.</summary>
    public RoutingRequest RequestFor(BarberProcessors processors) => processors.Request(Amount, Preference, Tip);

    /// <summary>
    /// The amount pays the appointment: at least its price, at most the price plus a tip of <paramref name="maxTipRate"/>
    /// of it. Otherwise 400 <c>INVALID_PAYMENT_AMOUNT</c> (0.01 must not pay a 75.00 appointment, nor 1,000,000.00 another).
    /// </summary>
    public static void CheckCovers(Money.Money amount, Money.Money price, decimal maxTipRate)
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

    private static ApiException InvalidAmount(string message, Money.Money amount, Money.Money price, string reason) =>
        new(400, ErrorCodes.InvalidPaymentAmount, message, new Dictionary<string, object?>
        {
            ["field"] = "amount", ["amount"] = amount.ToMajor(), ["appointment_price"] = price.ToMajor(), ["reason"] = reason,
        });

    /// <summary>Validates the fields first (400s), then finds the appointment (404 when absent or another tenant's).</summary>
    public static async Task<PaymentTarget> ResolveAsync(ApiCall call, int? appointmentId, decimal? amount, string? currency, string? preference)
    {
        if (appointmentId is null) throw ApiException.Validation("appointment_id", "appointment_id is required.");
        if (appointmentId <= 0) throw ApiException.Validation("appointment_id", "appointment_id must be a positive integer.");
        var requestedCurrency = currency is null ? null : AmountInput.ParseCurrency(currency);
        var money = AmountInput.Parse(amount, requestedCurrency ?? Currency.Usd);
        var clientPreference = ParsePreference(preference);

        var appointment = await call.Service<BookingDirectory>().GetAppointmentAsync(appointmentId.Value, call.Aborted)
            ?? throw ApiException.NotFound("appointment", appointmentId.Value);
        await call.Service<TenantAccess>().EnsureBarberAsync(call.Caller, appointment.BarberId, "appointment", appointmentId.Value, call.Aborted);

        if (requestedCurrency is null && appointment.Price.Currency != Currency.Usd)
            money = AmountInput.Parse(amount, appointment.Price.Currency);
        if (money.Currency != appointment.Price.Currency)
            throw new ApiException(400, ErrorCodes.ValidationError, $"The appointment is priced in {appointment.Price.Currency.Code}; pay it in that currency.",
                new Dictionary<string, object?> { ["field"] = "currency", ["reason"] = "does not match the appointment", ["appointment_currency"] = appointment.Price.Currency.Code });
        CheckCovers(money, appointment.Price, call.Service<PaymentsSettings>().MaxTipRate);
        return new PaymentTarget(appointment, money, clientPreference);
    }

    public static ClientPreference? ParsePreference(string? preference) => preference switch
    {
        null => null,
        "platform" => ClientPreference.Platform,
        "external" => ClientPreference.External,
        _ => throw ApiException.Validation("client_preference", "client_preference must be platform or external."),
    };
}
