using BookedBarber.Payments.Http;
using BookedBarber.Payments.Errors;
using BookedBarber.Payments.Ledger;
using BookedBarber.Payments.Amounts;
using System.ComponentModel;
using System.Text.Json;
using BookedBarber.Payments.Routing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Primitives;

namespace BookedBarber.Payments.Processing;

/// <summary>
/// <c>POST /hybrid-payments/process</c>. With an <c>Idempotency-Key</c>, the first response (success, decline or
/// refusal) is replayed to every retry with the same body for 24 hours, and the key's derived form goes to the processor.
/// The key is claimed naming the ledger attempt the request is about to record; a success is replayed from that attempt,
/// so it costs no write of its own, while declines and refusals are stored with the key.
/// </summary>
public static class ProcessPaymentEndpoint
{
    private const int MaxMetadataEntries = 20;

    public static async Task<Results<Ok<ProcessPaymentResponse>, StoredJsonResult>> Handle(
        [FromBody] ProcessPaymentRequest body,
        [FromHeader(Name = IdempotencyStore.HeaderName)]
        [Description("Makes the call safe to retry: the first answer to a key is replayed for 24 hours (1-255 printable ASCII characters, one header).")]
        StringValues idempotencyKey,
        ApiCall call, PaymentTargets targets,
        IdempotencyStore store, PaymentLedger ledger, PaymentProcessor processor, TimeProvider clock)
    {
        var cards = CardsOf(body);
        var target = await targets.ResolveAsync(call.Caller, body.AppointmentId, body.Amount, body.Currency, body.ClientPreference, call.Aborted);
        var attemptKey = AttemptKey.New(target.BarberId, clock);

        IdempotencyClaim? claim = null;
        if (PaymentIdempotency.KeyOf(idempotencyKey) is { } key)
        {
            claim = await store.BeginAsync($"user-{call.Caller.UserId}", key, PaymentIdempotency.Fingerprint(body, target), call.Aborted,
                attemptKey.Subject, (subject, ct) => CompletedResponseAsync(ledger, subject, ct));
            if (claim.Replay is { } replay) return PaymentIdempotency.Replay(call.Http.Response, replay);
        }

        try
        {
            var attempt = await processor.ProcessAsync(target, cards, claim?.DerivedKey ?? Guid.NewGuid().ToString("N"), attemptKey, call.Aborted);
            return TypedResults.Ok(ResponseFor(attempt));
        }
        catch (DomainException error) when (claim is not null)
        {
            if (!PaymentIdempotency.Remembers(error)) await store.AbandonAsync(claim, CancellationToken.None);
            else
            {
                var envelope = ErrorEnvelope.For(error, call.RequestId, clock.GetUtcNow());
                await store.CompleteAsync(claim, ErrorCodes.StatusOf(error.Code), JsonSerializer.Serialize(envelope, Json.Options), CancellationToken.None);
            }
            throw;
        }
    }

    private static CardTokens CardsOf(ProcessPaymentRequest body)
    {
        if (string.IsNullOrWhiteSpace(body.PaymentMethodData?.CardToken))
            throw DomainException.Validation("payment_method_data.card_token", "payment_method_data.card_token is required to process a payment.");
        CheckCardsAndMetadata(body);
        return new CardTokens(body.PaymentMethodData.CardToken, body.PaymentMethodData.PlatformCardToken, body.PaymentMethodData.SavePaymentMethod ?? false);
    }

    /// <summary>
    /// The card tokens and metadata a body carries, checked or 400. Shared with the dry run test-routing, which may leave
    /// the card out but must refuse whatever process would refuse (a dry run saying yes must not meet a 400 for real).
    /// </summary>
    internal static void CheckCardsAndMetadata(ProcessPaymentRequest body)
    {
        if (body.PaymentMethodData?.CardToken is { } cardToken && (string.IsNullOrWhiteSpace(cardToken) || cardToken.Length > 255))
            throw DomainException.Validation("payment_method_data.card_token", cardToken.Length > 255
                ? "payment_method_data.card_token must be at most 255 characters."
                : "payment_method_data.card_token must be a card token.");
        if (body.PaymentMethodData?.PlatformCardToken is { Length: 0 or > 255 })
            throw DomainException.Validation("payment_method_data.platform_card_token", "payment_method_data.platform_card_token must be a card token.");
        CardTokens.CheckFormats(body.PaymentMethodData?.CardToken, body.PaymentMethodData?.PlatformCardToken);
        if (body.Metadata is { } metadata && (metadata.Count > MaxMetadataEntries || metadata.Any(kv => kv.Key.Length is 0 or > 40 || kv.Value.Length > 500)))
            throw DomainException.Validation("metadata", $"metadata holds at most {MaxMetadataEntries} entries, keys up to 40 and values up to 500 characters.");
    }

    /// <summary>The 200 a completed attempt answered with, rebuilt from the ledger for a retry of its request.</summary>
    private static async Task<(int Status, string Body)?> CompletedResponseAsync(PaymentLedger ledger, string subject, CancellationToken cancellationToken)
    {
        if (!AttemptKey.TryParseSubject(subject, out var barberId, out var rowKey)) return null;
        var attempt = await ledger.GetAsync(barberId, rowKey, cancellationToken);
        return attempt is { Status: AttemptStatus.Completed } ? (StatusCodes.Status200OK, JsonSerializer.Serialize(ResponseFor(attempt), Json.Options)) : null;
    }

    private static ProcessPaymentResponse ResponseFor(PaymentAttempt attempt)
    {
        var external = attempt.ConnectionId is not null;
        // What netting took for commission owed on outside payments leaves the barber's net too; commission_amount stays this payment's own.
        var netted = attempt.NettedCommission ?? Money.Zero(attempt.Amount.Currency);
        var net = external ? attempt.Amount - attempt.ProcessingFee : attempt.Amount - attempt.ProcessingFee - attempt.Commission - netted;
        return new ProcessPaymentResponse(
            attempt.ProcessorPaymentId!,
            external ? "external" : "centralized",
            "completed",
            attempt.Amount.ToMajor(),
            attempt.Amount.Currency.Code,
            attempt.ProcessingFee.ToMajor(),
            net.ToMajor(),
            attempt.Commission.ToMajor(),
            attempt.CommissionCollected,
            attempt.Decision,
            external ? attempt.Processor : null,
            attempt.ProcessedAt!.Value,
            new ProcessRoutingDetails(attempt.Processor, attempt.ConnectionId, attempt.FallbackAvailable, RoutingNames.Seconds(attempt.DurationMs ?? 0)),
            (attempt.Tip ?? Money.Zero(attempt.Amount.Currency)).ToMajor(),
            attempt.SavedPaymentMethodId is { } saved ? new SavedPaymentMethod(attempt.Processor, saved, attempt.SavedCustomerId) : null,
            external ? null : netted.ToMajor());
    }
}
