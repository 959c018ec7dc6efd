using System.Net.Http.Headers;
using System.Text;

namespace BookedBarber.Bench;

/// <summary>The bearer tokens scenarios send: barber 1 (hybrid, owns appointments 1–20) and admin 900.</summary>
public sealed record BenchTokens(string Barber1, string Admin);

/// <summary>
/// One HTTP request shape to measure. <paramref name="Path"/> and <paramref name="Body"/> receive a sequence
/// number unique within the scenario for the whole run (warm-up included), so writes can target fresh ids.
/// </summary>
public sealed record Scenario(
    string Name,
    HttpMethod Method,
    Func<long, string> Path,
    int ExpectedStatus,
    string? Token = null,
    Func<long, HttpContent>? Body = null)
{
    public HttpRequestMessage CreateRequest(long sequence)
    {
        var request = new HttpRequestMessage(Method, Path(sequence)) { Content = Body?.Invoke(sequence) };
        if (Token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        return request;
    }

    public static HttpContent Json(string json) => new StringContent(json, Encoding.UTF8, "application/json");
}

/// <summary>What the benchmark drives. Add a line here when a capability ships.</summary>
public static class Scenarios
{
    // Writes go to ids far above the demo world's 1–50 so the seeded data stays as ./dev.sh shows it.
    private const long FirstWriteId = 1000;

    public static IReadOnlyList<Scenario> All(BenchTokens tokens) =>
    [
        new("GET /health", HttpMethod.Get, _ => "health", 200),
        new("GET /docs/openapi.json", HttpMethod.Get, _ => "docs/openapi.json", 200),
        new("GET /internal/booking/appointments/3", HttpMethod.Get, _ => "internal/booking/appointments/3", 200, tokens.Barber1),
        new("PUT /internal/booking/appointments/{new id}", HttpMethod.Put, n => $"internal/booking/appointments/{FirstWriteId + n}", 201, tokens.Admin,
            n => Scenario.Json($$"""
                {"barber_id":2,"client_id":101,"client_name":"Bench Client {{n}}","service_name":"Skin Fade",
                 "start_time":"2030-01-01T09:00:00Z","price":45.00,"currency":"USD"}
                """)),
        new("POST /hybrid-payments/route", HttpMethod.Post, _ => "hybrid-payments/route", 200, tokens.Barber1,
            _ => Scenario.Json("""{"appointment_id":3,"amount":75.00,"currency":"USD"}""")),
        new("GET /hybrid-payments/my-options?amount=75", HttpMethod.Get, _ => "hybrid-payments/my-options?amount=75.00", 200, tokens.Barber1),
        new("GET /unified-payment-analytics/dashboard (501)", HttpMethod.Get, _ => "unified-payment-analytics/dashboard", 501, tokens.Barber1),
    ];
}
