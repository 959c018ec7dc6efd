using BookedBarber.Payments.Processors.Stripe;
using System.Globalization;
using System.Text.Json;
using BookedBarber.Payments.Connections;
using BookedBarber.Payments.Ledger;
using BookedBarber.Payments.Processing;
using BookedBarber.Payments.Queues;
using BookedBarber.Payments.Sync;
using Microsoft.Extensions.Logging;
using Stripe;

namespace BookedBarber.Payments.Webhooks;

/// <summary>
/// What each event does. Barbers' processors: a payment or refund event asks the sync for a targeted refresh of that
/// payment (the processor's current state is the truth, whatever order events come in); Stripe <c>account.updated</c>
/// updates the connection's health. The platform's account: refunds and disputes of our centralized payments are
/// recorded on the payment in our ledger. Anything else is recorded and ignored. Returns what it did (kept on the event).
/// </summary>
public sealed class WebhookEventEffects(
    QueueSender queue, ConnectionStore connections, PaymentLedger ledger, ProcessorEndpoints endpoints, StripeClients stripeClients, ILogger<WebhookEventEffects> logger)
{
    public const string Ignored = "ignored";
    public const string RefreshRequested = "refresh-requested";
    public const string ConnectionUpdated = "connection-updated";
    public const string LedgerUpdated = "ledger-updated";
    public const string Unchanged = "unchanged";
    public const string NotOurs = "not-ours";

    public Task<string> ApplyAsync(WebhookEvent received, CancellationToken cancellationToken) => received.Source switch
    {
        WebhookSources.Square => ApplySquareAsync(received, cancellationToken),
        WebhookSources.Stripe => ApplyStripeAsync(received, cancellationToken),
        WebhookSources.StripePlatform => ApplyPlatformAsync(received, cancellationToken),
        _ => Task.FromResult(Ignored),
    };

    private async Task<string> ApplySquareAsync(WebhookEvent received, CancellationToken cancellationToken)
    {
        using var document = JsonDocument.Parse(received.Payload);
        var data = document.RootElement.TryGetProperty("data", out var d) ? d : default;
        var paymentId = received.EventType switch
        {
            "payment.created" or "payment.updated" => Path(data, "object", "payment", "id") ?? Path(data, "id"),
            "refund.created" or "refund.updated" => Path(data, "object", "refund", "payment_id"),
            _ => null,
        };
        return paymentId is null ? Ignored : await RefreshAsync(received, paymentId, cancellationToken);
    }

    private async Task<string> ApplyStripeAsync(WebhookEvent received, CancellationToken cancellationToken)
    {
        var stripeEvent = EventUtility.ParseEvent(received.Payload, throwOnApiVersionMismatch: false);
        switch (stripeEvent.Data?.Object)
        {
            case PaymentIntent intent when received.EventType is "payment_intent.succeeded" or "payment_intent.payment_failed":
                return await RefreshAsync(received, intent.Id, cancellationToken);
            case Charge charge when received.EventType == "charge.refunded":
                return await RefreshAsync(received, charge.PaymentIntentId ?? charge.Id, cancellationToken);
            case Dispute dispute when received.EventType == "charge.dispute.created":
                return await RefreshAsync(received, dispute.PaymentIntentId ?? dispute.ChargeId, cancellationToken);
            case Account account when received.EventType == "account.updated":
                return await connections.RecordAccountStateAsync(received.BarberId, received.ConnectionId, account.ChargesEnabled,
                    new DateTimeOffset(DateTime.SpecifyKind(stripeEvent.Created, DateTimeKind.Utc)), cancellationToken) ? ConnectionUpdated : Unchanged;
            default:
                return Ignored;
        }
    }

    private async Task<string> RefreshAsync(WebhookEvent received, string? paymentId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(paymentId)) return Ignored;
        await queue.SendAsync(SyncRequest.QueueName, new SyncRequest(received.BarberId, received.ConnectionId, null, false, [paymentId], "webhook"), cancellationToken);
        return RefreshRequested;
    }

    private async Task<string> ApplyPlatformAsync(WebhookEvent received, CancellationToken cancellationToken)
    {
        var stripeEvent = EventUtility.ParseEvent(received.Payload, throwOnApiVersionMismatch: false);
        var at = new DateTimeOffset(DateTime.SpecifyKind(stripeEvent.Created, DateTimeKind.Utc));
        switch (stripeEvent.Data?.Object)
        {
            case Charge charge when received.EventType == "charge.refunded":
            {
                var attempt = await FindAttemptAsync(charge.Metadata, charge.PaymentIntentId, cancellationToken);
                if (attempt is null) return NotOurs;
                return await ledger.RecordRefundAsync(attempt.BarberId, attempt.RowKey, charge.AmountRefunded, cancellationToken) ? LedgerUpdated : Unchanged;
            }
            case Dispute dispute when received.EventType == "charge.dispute.created":
            {
                var attempt = await FindAttemptAsync(null, dispute.PaymentIntentId, cancellationToken);
                if (attempt is null) return NotOurs;
                return await ledger.RecordDisputeAsync(attempt.BarberId, attempt.RowKey, at, cancellationToken) ? LedgerUpdated : Unchanged;
            }
            default:
                return Ignored;
        }
    }

    /// <summary>
    /// Our payment attempt behind a platform charge: named by the metadata we put on the payment intent (barber_id,
    /// attempt_id), read from the charge when Stripe copied it there, else from the intent itself.
    /// </summary>
    private async Task<PaymentAttempt?> FindAttemptAsync(IDictionary<string, string>? metadata, string? paymentIntentId, CancellationToken cancellationToken)
    {
        if (!Names(metadata, out var barberId, out var attemptId) && paymentIntentId is not null)
        {
            var intent = await PlatformIntents().GetAsync(paymentIntentId, cancellationToken: cancellationToken);
            Names(intent.Metadata, out barberId, out attemptId);
        }
        if (attemptId is null) return null;
        var attempt = await ledger.FindByAttemptIdAsync(barberId, attemptId, cancellationToken);
        if (attempt is not null && paymentIntentId is not null && attempt.ProcessorPaymentId is { } known && known != paymentIntentId)
        {
            logger.LogWarning("Platform event names attempt {AttemptId} of barber {BarberId} but another payment intent", attemptId, barberId);
            return null;
        }
        return attempt;
    }

    private static bool Names(IDictionary<string, string>? metadata, out int barberId, out string? attemptId)
    {
        barberId = 0;
        attemptId = null;
        if (metadata is null || !metadata.TryGetValue("attempt_id", out var attempt) || !metadata.TryGetValue("barber_id", out var barber)
            || !int.TryParse(barber, NumberStyles.None, CultureInfo.InvariantCulture, out barberId)) return false;
        attemptId = attempt;
        return true;
    }

    private PaymentIntentService PlatformIntents() => new(stripeClients.For(
        endpoints.PlatformStripeSecretKey ?? throw new InvalidOperationException("The platform's Stripe key is not configured.")));

    private static string? Path(JsonElement element, params string[] names)
    {
        foreach (var name in names)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out element)) return null;
        }
        return element.ValueKind == JsonValueKind.String ? element.GetString() : null;
    }
}
