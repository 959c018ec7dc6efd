using BookedBarber.Payments.Errors;
using System.Text.Json;
using BookedBarber.Payments.Http;
using BookedBarber.Payments.Routing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace BookedBarber.Payments.Processing;

/// <summary>
/// The <c>Idempotency-Key</c> policy of <c>POST /hybrid-payments/process</c>, as Stripe has it: which key a request
/// names, when two requests are the same one, which refusals are remembered under the key, and how a replay is sent.
/// </summary>
public static class PaymentIdempotency
{
    public const string ReplayedHeader = "Idempotent-Replayed";

    /// <summary>The request's key, or null without one; a header sent twice is 400 (which one would we honour?).</summary>
    public static string? KeyOf(StringValues values)
    {
        if (values.Count == 0) return null;
        if (values.Count != 1)
            throw DomainException.Validation(IdempotencyStore.HeaderName, $"Send one {IdempotencyStore.HeaderName} header, not {values.Count}.");
        // A proxy folds two headers into one comma-separated line (RFC 9110): refused as two headers are, never one key.
        if (values[0] is { } key && key.Contains(','))
            throw DomainException.Validation(IdempotencyStore.HeaderName, $"{IdempotencyStore.HeaderName} must not contain a comma: send one key in one header.");
        return values[0] ?? "";
    }

    /// <summary>
    /// What the request asks for, by value rather than by text: <c>75</c> and <c>75.00</c>, an omitted currency and the
    /// appointment's own, metadata in any order are the same request. Built from the parsed, validated request.
    /// </summary>
    public static string Fingerprint(ProcessPaymentRequest body, PaymentTarget target)
    {
        var canonical = new SortedDictionary<string, object?>(StringComparer.Ordinal)
        {
            ["appointment_id"] = target.Appointment.Id,
            ["amount_minor"] = target.Amount.Minor,
            ["currency"] = target.Amount.Currency.Code,
            ["client_preference"] = target.Preference?.ToString(),
            ["card_token"] = body.PaymentMethodData?.CardToken,
            ["platform_card_token"] = body.PaymentMethodData?.PlatformCardToken,
            ["save_payment_method"] = body.PaymentMethodData?.SavePaymentMethod ?? false,
            ["metadata"] = body.Metadata is null ? null : new SortedDictionary<string, string>(body.Metadata.ToDictionary(), StringComparer.Ordinal),
        };
        return IdempotencyStore.Fingerprint(JsonSerializer.SerializeToUtf8Bytes(canonical, Json.Options));
    }

    /// <summary>
    /// Whether a refusal is the request's final answer, kept under its key. Not remembered: a request refused before
    /// anything was charged (bad input, nothing to pay: 400/404; a card token the route cannot charge, 422
    /// <c>CARD_TOKEN_PROCESSOR_MISMATCH</c>, which depends on where routing sends it now), nor one refused because another
    /// request was in flight (<c>PAYMENT_IN_PROGRESS</c>, <c>IDEMPOTENCY_KEY_IN_USE</c>): retried later, it deserves a real answer.
    /// </summary>
    public static bool Remembers(DomainException error) =>
        ErrorCodes.StatusOf(error.Code) is not (StatusCodes.Status400BadRequest or StatusCodes.Status404NotFound)
        && error.Code is not (ErrorCodes.PaymentInProgress or ErrorCodes.IdempotencyKeyInUse or ErrorCodes.CardTokenProcessorMismatch);

    /// <summary>
    /// The first response again, marked as a replay. A replayed error names the request that produced it in
    /// <c>request_id</c>; <c>X-Request-Id</c> says the same, as on every response.
    /// </summary>
    public static StoredJsonResult Replay(HttpResponse response, (int Status, string Body) replay)
    {
        response.Headers[ReplayedHeader] = "true";
        if (RequestIdOf(replay.Body) is { } requestId) response.Headers[ApiDispatcher.RequestIdHeader] = requestId;
        return new StoredJsonResult(replay.Status, replay.Body);
    }

    private static string? RequestIdOf(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object
                && error.TryGetProperty("request_id", out var id) && id.ValueKind == JsonValueKind.String
                ? id.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
