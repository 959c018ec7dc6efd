using System.Net.Http.Headers;
using System.Text;

namespace BookedBarber.Bench;

/// <summary>
/// The bearer tokens scenarios send: barber 1 (hybrid, owns appointments 1–20, pays through their Square),
/// barber 2 (centralized, owns 21–40, pays through the platform's Stripe) and admin 900.
/// </summary>
public sealed record BenchTokens(string Barber1, string Barber2, string Admin);

/// <summary>
/// Appointments created (untimed, as admin) before a scenario that pays them runs: ids <see cref="FirstId"/> onwards,
/// <see cref="Size"/> of them, all <see cref="BarberId"/>'s. Each can be paid once, so request n pays appointment
/// <c>FirstId + n - 1</c>.
/// </summary>
public sealed record AppointmentPool(int BarberId, long FirstId, int Size)
{
    public long IdFor(long sequence) => sequence >= 1 && sequence <= Size
        ? FirstId + sequence - 1
        : throw new InvalidOperationException($"request {sequence} has no fresh appointment: barber {BarberId}'s pool holds {Size}.");

    public IEnumerable<long> Ids => Enumerable.Range(0, Size).Select(i => FirstId + i);

    /// <summary>The appointment body PUT /internal/booking/appointments/{id} takes: 75.00 USD, in 2030.</summary>
    public string AppointmentJson(long id) => $$"""
        {"barber_id":{{BarberId}},"client_id":101,"client_name":"Bench Payer {{id}}","service_name":"Skin Fade",
         "start_time":"2030-01-01T09:00:00Z","price":75.00,"currency":"USD"}
        """;
}

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
    /// <summary>An <c>Idempotency-Key</c> header per request, when the scenario sends one.</summary>
    public Func<long, string>? IdempotencyKey { get; init; }

    /// <summary>Appointments to create before the scenario runs (see <see cref="AppointmentPool"/>).</summary>
    public AppointmentPool? Pool { get; init; }

    /// <summary>The most requests one measurement may issue (warm-up aside), below <c>--requests</c> when the pool is finite.</summary>
    public int? MaxRequests { get; init; }

    /// <summary>A body with headers computed from it (a webhook's signature), instead of <see cref="Body"/>.</summary>
    public Func<long, (HttpContent Body, IReadOnlyList<(string Name, string Value)> Headers)>? Signed { get; init; }

    public HttpRequestMessage CreateRequest(long sequence)
    {
        var request = new HttpRequestMessage(Method, Path(sequence)) { Content = Body?.Invoke(sequence) };
        if (Signed?.Invoke(sequence) is var (content, headers))
        {
            request.Content = content;
            foreach (var (name, value) in headers) request.Headers.TryAddWithoutValidation(name, value);
        }
        if (Token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        if (IdempotencyKey is not null) request.Headers.Add("Idempotency-Key", IdempotencyKey(sequence));
        return request;
    }

    public static HttpContent Json(string json) => new StringContent(json, Encoding.UTF8, "application/json");
}

/// <summary>What the benchmark drives. Add a line here when a capability ships.</summary>
public static class Scenarios
{
    // Writes go to ids far above the demo world's 1–50 so the seeded data stays as ./dev.sh shows it.
    private const long FirstWriteId = 1000;

    // Appointments to pay: far above the PUT scenario's ids (1001 + at most levels × (requests + warm-up)).
    private const long FirstStripePoolId = 10_000_001;
    private const long FirstSquarePoolId = 20_000_001;

    /// <summary>The one appointment the same-key storm pays (barber 2, Stripe).</summary>
    public static readonly AppointmentPool StormAppointment = new(2, 30_000_001, 1);

    /// <summary>Fresh appointments per payment scenario and concurrency level: caps those measurements' requests.</summary>
    public const int PaymentsPerLevel = 600;

    public const string ProcessStripe = "POST /hybrid-payments/process (centralized, Stripe)";
    public const string ProcessSquare = "POST /hybrid-payments/process (external, Square)";
    public const string Route = "POST /hybrid-payments/route";
    public const string TransactionsList = "GET /external-payments/transactions (limit 50 of 2,000)";
    public const string MyCollections = "GET /platform-collections/my-collections (limit 50 of 200)";

    public static IReadOnlyList<Scenario> All(BenchTokens tokens, LoadSettings settings, int? webhookConnection = null) =>
    [
        new("GET /health", HttpMethod.Get, _ => "health", 200),
        new("GET /docs/openapi.json", HttpMethod.Get, _ => "docs/openapi.json", 200),
        new("GET /internal/booking/appointments/3", HttpMethod.Get, _ => "internal/booking/appointments/3", 200, tokens.Barber1),
        new("PUT /internal/booking/appointments/{new id}", HttpMethod.Put, n => $"internal/booking/appointments/{FirstWriteId + n}", 201, tokens.Admin,
            n => Scenario.Json($$"""
                {"barber_id":2,"client_id":101,"client_name":"Bench Client {{n}}","service_name":"Skin Fade",
                 "start_time":"2030-01-01T09:00:00Z","price":45.00,"currency":"USD"}
                """)),
        new(Route, HttpMethod.Post, _ => "hybrid-payments/route", 200, tokens.Barber1,
            _ => Scenario.Json("""{"appointment_id":6,"amount":75.00,"currency":"USD"}""")), // priced 75.00: the amount pays the appointment
        Process(ProcessStripe, tokens.Barber2, "tok_visa", "stripe", FirstStripePoolId, 2, settings),
        Process(ProcessSquare, tokens.Barber1, "cnon:card-nonce-ok", "square", FirstSquarePoolId, 1, settings),
        new("GET /hybrid-payments/my-options?amount=75", HttpMethod.Get, _ => "hybrid-payments/my-options?amount=75.00", 200, tokens.Barber1),
        new(TransactionsList, HttpMethod.Get, _ => $"external-payments/transactions?barber_id={TransactionsSeed.BarberId}&limit=50", 200, tokens.Admin),
        new(MyCollections, HttpMethod.Get, _ => $"platform-collections/my-collections?barber_id={CollectionsSeed.BarberId}&limit=50", 200, tokens.Admin),
        .. webhookConnection is { } connection ? [WebhookBench.For(connection)] : Array.Empty<Scenario>(),
        .. AnalyticsBench.Scenarios(tokens),
    ];

    /// <summary>
    /// Pays a fresh appointment per request, as a client does: with its own Idempotency-Key. The pool holds every
    /// request the scenario can issue — each concurrency level's warm-up and its capped measurement.
    /// </summary>
    private static Scenario Process(string name, string token, string cardToken, string keyPrefix, long firstId, int barberId, LoadSettings settings)
    {
        var perLevel = Math.Min(settings.Requests, PaymentsPerLevel);
        var pool = new AppointmentPool(barberId, firstId, settings.Concurrency.Count * (perLevel + settings.WarmupRequests));
        return new Scenario(name, HttpMethod.Post, _ => "hybrid-payments/process", 200, token,
            n => Scenario.Json(ProcessJson(pool.IdFor(n), cardToken)))
        {
            IdempotencyKey = n => $"bench-{keyPrefix}-{n}",
            Pool = pool,
            MaxRequests = perLevel,
        };
    }

    public static string ProcessJson(long appointmentId, string cardToken) =>
        $$$"""{"appointment_id":{{{appointmentId}}},"amount":75.00,"currency":"USD","payment_method_data":{"card_token":"{{{cardToken}}}"}}""";
}
