using BookedBarber.Payments.Booking;
using BookedBarber.Payments.Configuration;
using BookedBarber.Payments.Errors;
using BookedBarber.Payments.Amounts;
using BookedBarber.Payments.Security;

namespace BookedBarber.Payments.Routing;

/// <summary>Finds what a route, test-routing or process request is about, for a caller, checking every field first.</summary>
public sealed class PaymentTargets(BookingDirectory bookings, TenantAccess tenants, PaymentsSettings settings)
{
    /// <summary>Validates the fields first (400s), then finds the appointment (404 when absent or another tenant's).</summary>
    public async Task<PaymentTarget> ResolveAsync(
        Caller caller, int? appointmentId, decimal? amount, string? currency, string? preference, CancellationToken cancellationToken)
    {
        if (appointmentId is null) throw DomainException.Validation("appointment_id", "appointment_id is required.");
        if (appointmentId <= 0) throw DomainException.Validation("appointment_id", "appointment_id must be a positive integer.");
        var requestedCurrency = currency is null ? null : AmountInput.ParseCurrency(currency);
        var money = AmountInput.Parse(amount, requestedCurrency ?? Currency.Usd);
        var clientPreference = PaymentTarget.ParsePreference(preference);

        var appointment = await bookings.GetAppointmentAsync(appointmentId.Value, cancellationToken)
            ?? throw DomainException.NotFound("appointment", appointmentId.Value);
        await tenants.EnsureBarberAsync(caller, appointment.BarberId, "appointment", appointmentId.Value, cancellationToken);

        if (requestedCurrency is null && appointment.Price.Currency != Currency.Usd)
            money = AmountInput.Parse(amount, appointment.Price.Currency);
        if (money.Currency != appointment.Price.Currency)
            throw new DomainException(ErrorCodes.ValidationError, $"The appointment is priced in {appointment.Price.Currency.Code}; pay it in that currency.",
                new Dictionary<string, object?> { ["field"] = "currency", ["reason"] = "does not match the appointment", ["appointment_currency"] = appointment.Price.Currency.Code });
        PaymentTarget.CheckCovers(money, appointment.Price, settings.MaxTipRate);
        return new PaymentTarget(appointment, money, clientPreference);
    }
}
