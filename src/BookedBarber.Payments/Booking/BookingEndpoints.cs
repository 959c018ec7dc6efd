using BookedBarber.Payments.Errors;
using BookedBarber.Payments.Ledger;
using BookedBarber.Payments.Amounts;
using BookedBarber.Payments.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace BookedBarber.Payments.Booking;

/// <summary>
/// The internal feed from the booking platform (admin only) and a tenancy-scoped read of appointments.
/// </summary>
public static class BookingEndpoints
{
    private const int MaxTextLength = 200;

    public static async Task<Results<Created<ShopResponse>, Ok<ShopResponse>>> PutShop(
        [FromRoute] int shopId, [FromBody] ShopUpsertRequest body, BookingDirectory bookings, CancellationToken cancellationToken)
    {
        var name = RequiredText(body.Name, "name");
        var ownerId = PositiveId(body.OwnerId, "owner_id") ?? throw DomainException.Validation("owner_id", "owner_id is required.");
        var enterpriseOwnerId = PositiveId(body.EnterpriseOwnerId, "enterprise_owner_id");
        var barberIds = body.BarberIds ?? [];
        if (barberIds.Any(id => id <= 0)) throw DomainException.Validation("barber_ids", "barber_ids must be positive integers.");
        if (barberIds.Count > 500) throw DomainException.Validation("barber_ids", "A shop has at most 500 barbers.");

        var timeZone = body.TimeZone is null ? null : ShopTimeZone.Parse(body.TimeZone).Id;
        var shop = new Shop(shopId, name, ownerId, enterpriseOwnerId, barberIds.Distinct().Order().ToList(), timeZone);
        var created = await bookings.UpsertShopAsync(shop, cancellationToken);
        var response = new ShopResponse(shop.Id, shop.Name, shop.OwnerId, shop.EnterpriseOwnerId, shop.BarberIds, shop.TimeZone);
        return created ? TypedResults.Created((string?)null, response) : TypedResults.Ok(response);
    }

    public static async Task<Results<Created<AppointmentResponse>, Ok<AppointmentResponse>>> PutAppointment(
        [FromRoute] int appointmentId, [FromBody] AppointmentUpsertRequest body, BookingDirectory bookings, PaymentLedger ledger,
        CancellationToken cancellationToken)
    {
        var barberId = PositiveId(body.BarberId, "barber_id") ?? throw DomainException.Validation("barber_id", "barber_id is required.");
        var clientId = PositiveId(body.ClientId, "client_id") ?? throw DomainException.Validation("client_id", "client_id is required.");
        var serviceName = RequiredText(body.ServiceName, "service_name");
        if (body.ClientName is { Length: > MaxTextLength }) throw DomainException.Validation("client_name", $"client_name is longer than {MaxTextLength} characters.");
        var startTime = body.StartTime ?? throw DomainException.Validation("start_time", "start_time is required.");
        var price = AmountInput.Parse(body.Price, AmountInput.ParseCurrency(body.Currency ?? Currency.Usd.Code), "price");

        var appointment = new Appointment(appointmentId, barberId, clientId, body.ClientName, serviceName, startTime.ToUniversalTime(), price);
        var created = await bookings.UpsertAppointmentAsync(appointment, cancellationToken, before =>
            ledger.ChangeAppointmentAsync(appointmentId, before.BarberId, appointment.BarberId, before.Price != appointment.Price, cancellationToken));
        var response = AppointmentResponse.From(appointment);
        return created ? TypedResults.Created((string?)null, response) : TypedResults.Ok(response);
    }

    public static async Task<Ok<AppointmentResponse>> GetAppointment(
        [FromRoute] int appointmentId, Caller caller, BookingDirectory bookings, TenantAccess tenants, CancellationToken cancellationToken)
    {
        var appointment = await bookings.GetAppointmentAsync(appointmentId, cancellationToken)
            ?? throw DomainException.NotFound("appointment", appointmentId);
        await tenants.EnsureBarberAsync(caller, appointment.BarberId, "appointment", appointmentId, cancellationToken);
        return TypedResults.Ok(AppointmentResponse.From(appointment));
    }

    private static string RequiredText(string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value)) throw DomainException.Validation(field, $"{field} is required.");
        if (value.Length > MaxTextLength) throw DomainException.Validation(field, $"{field} is longer than {MaxTextLength} characters.");
        return value.Trim();
    }

    private static int? PositiveId(int? value, string field) =>
        value is <= 0 ? throw DomainException.Validation(field, $"{field} must be a positive integer.") : value;
}
