using System.Text.Json.Nodes;

namespace BookedBarber.Payments.FunctionalTests;

/// <summary>How the payment tests arrange appointments and send payments, in one place.</summary>
public static class Payments
{
    private static int _nextAppointment = 100_000;

    /// <summary>A fresh unpaid appointment of the barber, priced in USD, created through the booking feed.</summary>
    public static async Task<int> NewAppointmentAsync(this ApiHost host, int barberId, decimal price = 75.00m, string currency = "USD")
    {
        var id = Interlocked.Increment(ref _nextAppointment);
        var body = new JsonObject
        {
            ["barber_id"] = barberId, ["client_id"] = 101, ["service_name"] = "Haircut & Style",
            ["start_time"] = "2026-12-01T10:00:00Z", ["price"] = price, ["currency"] = currency,
        };
        await ApiAssert.Json(await host.SendAsync(HttpMethod.Put, $"internal/booking/appointments/{id}", host.AdminToken(), body.ToJsonString()), 201);
        return id;
    }

    /// <summary>A process request body as the API reference shows it.</summary>
    public static string Body(int appointmentId, string card, string? platformCard = null, string? preference = null, decimal amount = 75.00m)
    {
        var method = new JsonObject { ["card_token"] = card };
        if (platformCard is not null) method["platform_card_token"] = platformCard;
        var body = new JsonObject
        {
            ["appointment_id"] = appointmentId,
            ["amount"] = amount,
            ["currency"] = "USD",
            ["payment_method_data"] = method,
            ["metadata"] = new JsonObject { ["service_type"] = "haircut" },
        };
        if (preference is not null) body["client_preference"] = preference;
        return body.ToJsonString();
    }

    public static Task<HttpResponseMessage> ProcessAsync(this ApiHost host, int barberId, string json, string? idempotencyKey = null) =>
        host.SendAsync(HttpMethod.Post, "hybrid-payments/process", host.BarberToken(barberId), json, idempotencyKey: idempotencyKey);
}
