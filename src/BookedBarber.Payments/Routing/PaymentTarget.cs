using BookedBarber.Payments.Errors;
using BookedBarber.Payments.Booking;
using BookedBarber.Payments.Money;
using BookedBarber.Payments.Security;

namespace BookedBarber.Payments.Routing;

/// <summary>What a route, test-routing or process request is about: an appointment the caller may act on, an amount, a preference.</summary>
public sealed record PaymentTarget(Appointment Appointment, Money.Money Amount, ClientPreference? Preference)
{
    public int BarberId => Appointment.BarberId;

    /// <summary>Validates the fields first (400s), then finds the appointment (404 when absent or another tenant's).</summary>
    public static async Task<PaymentTarget> ResolveAsync(
        BookingDirectory bookings, TenantAccess tenants, Caller caller,
        int? appointmentId, decimal? amount, string? currency, string? preference, CancellationToken cancellationToken)
    {
        if (appointmentId is null) throw DomainException.Validation("appointment_id", "appointment_id is required.");
        if (appointmentId <= 0) throw DomainException.Validation("appointment_id", "appointment_id must be a positive integer.");
        var requestedCurrency = currency is null ? null : AmountInput.ParseCurrency(currency);
        var money = AmountInput.Parse(amount, requestedCurrency ?? Currency.Usd);
        var clientPreference = ParsePreference(preference);

        var appointment = await bookings.GetAppointmentAsync(appointmentId.Value, cancellationToken)
            ?? throw DomainException.NotFound("appointment", appointmentId.Value);
        await tenants.EnsureBarberAsync(caller, appointment.BarberId, "appointment", appointmentId.Value, cancellationToken);

        if (requestedCurrency is null && appointment.Price.Currency != Currency.Usd)
            money = AmountInput.Parse(amount, appointment.Price.Currency);
        if (money.Currency != appointment.Price.Currency)
            throw new DomainException(ErrorCodes.ValidationError, $"The appointment is priced in {appointment.Price.Currency.Code}; pay it in that currency.",
                new Dictionary<string, object?> { ["field"] = "currency", ["reason"] = "does not match the appointment", ["appointment_currency"] = appointment.Price.Currency.Code });
        return new PaymentTarget(appointment, money, clientPreference);
    }

    public static ClientPreference? ParsePreference(string? preference) => preference switch
    {
        null => null,
        "platform" => ClientPreference.Platform,
        "external" => ClientPreference.External,
        _ => throw DomainException.Validation("client_preference", "client_preference must be platform or external."),
    };
}
