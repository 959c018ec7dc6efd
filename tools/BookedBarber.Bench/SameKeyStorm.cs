using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;

namespace BookedBarber.Bench;

/// <summary>What the same-key storm saw: statuses, 409 codes, the payment ids the 200s carried and the follow-up check.</summary>
public sealed record StormResult(
    int Requests,
    int Ok,
    int Replayed,
    int Conflicts,
    IReadOnlyDictionary<string, int> ConflictCodes,
    IReadOnlyDictionary<string, int> OtherStatuses,
    IReadOnlyList<string> PaymentIds,
    string? FollowUp,
    bool FollowUpMatches,
    double ElapsedMs)
{
    /// <summary>Exactly one charge: every 200 names the same payment, and the appointment is paid with that payment.</summary>
    public bool Passed => PaymentIds.Count == 1 && FollowUpMatches;

    public string Line()
    {
        var conflicts = ConflictCodes.Count == 0 ? "" : $" ({string.Join(", ", ConflictCodes.Select(c => $"{c.Key}×{c.Value}"))})";
        var others = OtherStatuses.Count == 0 ? "" : $", other {string.Join(", ", OtherStatuses.Select(c => $"{c.Key}×{c.Value}"))}";
        var verdict = Passed ? "exactly one charge" : PaymentIds.Count == 1 ? "FAIL: the appointment does not show that payment" : "FAIL: not exactly one charge";
        return string.Create(CultureInfo.InvariantCulture,
            $"same-key storm: {Requests} requests → 200×{Ok} ({Replayed} replayed), 409×{Conflicts}{conflicts}{others}, distinct payment ids {PaymentIds.Count} ({verdict}); {FollowUp} [{ElapsedMs:0} ms]");
    }
}

/// <summary>
/// Many concurrent <c>POST /hybrid-payments/process</c> calls with ONE <c>Idempotency-Key</c> for one fresh appointment,
/// as a client retrying over flaky connections would send them. The processor simulators live in the dev host, so
/// charges are counted through the API: the distinct <c>payment_id</c>s among the 200s, then a keyless process for the
/// same appointment, which must answer 409 <c>APPOINTMENT_ALREADY_PAID</c> naming that payment.
/// </summary>
public static class SameKeyStorm
{
    public const string Name = "POST /hybrid-payments/process same-key storm";
    public const int Requests = 50;

    public static async Task<StormResult> RunAsync(HttpClient client, string token, AppointmentPool appointment, CancellationToken cancellationToken)
    {
        var appointmentId = appointment.IdFor(1);
        var body = Scenarios.ProcessJson(appointmentId, "tok_visa");
        var key = $"bench-storm-{Guid.NewGuid():N}";

        HttpRequestMessage Request(string? idempotencyKey)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "hybrid-payments/process") { Content = Scenario.Json(body) };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
            return request;
        }

        // All requests wait on one gate so they reach the host together rather than as their tasks start.
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var calls = Enumerable.Range(0, Requests).Select(_ => Task.Run(async () =>
        {
            using var request = Request(key);
            await gate.Task;
            using var response = await client.SendAsync(request, cancellationToken);
            var replayed = response.Headers.TryGetValues("Idempotent-Replayed", out var values) && values.Contains("true");
            return ((int)response.StatusCode, replayed, await response.Content.ReadAsStringAsync(cancellationToken));
        }, cancellationToken)).ToArray();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        gate.SetResult();
        var responses = await Task.WhenAll(calls);
        var elapsed = clock.Elapsed.TotalMilliseconds;

        var paymentIds = new SortedSet<string>(StringComparer.Ordinal);
        var conflictCodes = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var otherStatuses = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var (status, _, text) in responses)
        {
            switch (status)
            {
                case 200:
                    paymentIds.Add(Property(text, "payment_id") ?? "(none)");
                    break;
                case 409:
                    var code = ErrorCode(text) ?? "(no code)";
                    conflictCodes[code] = conflictCodes.GetValueOrDefault(code) + 1;
                    break;
                default:
                    var label = $"{status} {ErrorCode(text)}".Trim();
                    otherStatuses[label] = otherStatuses.GetValueOrDefault(label) + 1;
                    break;
            }
        }

        // Paying again without the key is a new request: it must find the appointment paid, by the storm's one payment.
        using var followUpRequest = Request(null);
        using var followUpResponse = await client.SendAsync(followUpRequest, cancellationToken);
        var followUpText = await followUpResponse.Content.ReadAsStringAsync(cancellationToken);
        var followUpCode = ErrorCode(followUpText);
        var paidWith = Detail(followUpText, "payment_id");
        var matches = (int)followUpResponse.StatusCode == 409 && followUpCode == "APPOINTMENT_ALREADY_PAID"
            && paymentIds.Count == 1 && paidWith == paymentIds.Min;
        var followUp = $"keyless retry: {(int)followUpResponse.StatusCode} {followUpCode ?? "-"}, payment_id {paidWith ?? "-"}"
            + (matches ? " (matches)" : paymentIds.Count == 1 ? $" (expected 409 APPOINTMENT_ALREADY_PAID with {paymentIds.Min})" : "");

        return new StormResult(Requests, responses.Count(r => r.Item1 == 200), responses.Count(r => r.Item1 == 200 && r.Item2),
            responses.Count(r => r.Item1 == 409), conflictCodes, otherStatuses, paymentIds.ToList(), followUp, matches, elapsed);
    }

    private static string? Property(string json, string name)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty(name, out var value)
                && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static JsonElement? Error(JsonDocument document) =>
        document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("error", out var error)
            && error.ValueKind == JsonValueKind.Object ? error : null;

    private static string? ErrorCode(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return Error(document) is { } error && error.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.String ? code.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Detail(string json, string name)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return Error(document) is { } error && error.TryGetProperty("details", out var details) && details.ValueKind == JsonValueKind.Object
                && details.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
