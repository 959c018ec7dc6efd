using BookedBarber.Payments.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace BookedBarber.Functions.HttpFunctions;

/// <summary>The booking platform's feed of shops and appointments. Anonymous to the host: the application checks bearer tokens itself.</summary>
public sealed class BookingFeedFunctions(ApiDispatcher api)
{
    [Function("UpsertShop")]
    public Task UpsertShop([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "internal/booking/shops/{shop_id}")] HttpRequest req) =>
        api.InvokeAsync("UpsertShop", req.HttpContext);

    [Function("UpsertAppointment")]
    public Task UpsertAppointment([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "internal/booking/appointments/{appointment_id}")] HttpRequest req) =>
        api.InvokeAsync("UpsertAppointment", req.HttpContext);

    [Function("GetAppointment")]
    public Task GetAppointment([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "internal/booking/appointments/{appointment_id}")] HttpRequest req) =>
        api.InvokeAsync("GetAppointment", req.HttpContext);
}
