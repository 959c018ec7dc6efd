using BookedBarber.Payments.Booking;
using BookedBarber.Payments.Http;
using BookedBarber.Payments.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace BookedBarber.Payments.Routing;

/// <summary><c>GET/PUT /hybrid-payments/config</c> (the caller's own) and <c>/config/{barber_id}</c> (owners, admin).</summary>
public static class PaymentConfigEndpoints
{

    public static Task<Ok<PaymentConfigResponse>> GetOwn(Caller caller, PaymentConfigStore configs, BookingDirectory bookings, CancellationToken cancellationToken) =>
        Get(BarberSubject.Own(caller, "/hybrid-payments/config"), configs, bookings, cancellationToken);

    public static Task<Ok<PaymentConfigResponse>> GetForBarber(
        [FromRoute] int barberId, PaymentConfigStore configs, BookingDirectory bookings, CancellationToken cancellationToken) =>
        Get(barberId, configs, bookings, cancellationToken);

    public static async Task<Ok<PaymentConfigResponse>> PutOwn(
        [FromBody] PaymentConfigUpdateRequest body, ApiCall call, PaymentConfigChanges changes, CancellationToken cancellationToken) =>
        TypedResults.Ok(await changes.ApplyAsync(BarberSubject.Own(call.Caller, "/hybrid-payments/config"), body, call.Caller, call.RequestId, cancellationToken));

    public static async Task<Ok<PaymentConfigResponse>> PutForBarber(
        [FromRoute] int barberId, [FromBody] PaymentConfigUpdateRequest body, ApiCall call, PaymentConfigChanges changes, CancellationToken cancellationToken) =>
        TypedResults.Ok(await changes.ApplyAsync(barberId, body, call.Caller, call.RequestId, cancellationToken));

    private static async Task<Ok<PaymentConfigResponse>> Get(int barberId, PaymentConfigStore configs, BookingDirectory bookings, CancellationToken cancellationToken)
    {
        await BarberSubject.EnsureKnownAsync(bookings, barberId, cancellationToken);
        return TypedResults.Ok(PaymentConfigResponse.From(await configs.GetAsync(barberId, cancellationToken)));
    }
}
