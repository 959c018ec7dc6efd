using System.Text;
using System.Text.Json;
using Azure;
using Azure.Storage.Queues.Models;
using BookedBarber.Payments.Configuration;
using BookedBarber.Payments.Connections;
using BookedBarber.Payments.Errors;
using BookedBarber.Payments.Queues;
using Microsoft.Extensions.Logging;
using Stripe;

namespace BookedBarber.Payments.Webhooks;

/// <summary>
/// The accept path of every webhook: verify the signature before anything is stored, record the event id (first
/// claim wins: a redelivery is answered as the first delivery was and does nothing), queue it, answer. Processing
/// happens on the <c>webhook-events</c> queue.
/// </summary>
public sealed class WebhookReceiver(WebhookTargets targets, WebhookEventLog log, QueueSender queue, PaymentsSettings settings, TimeProvider clock,
    ILogger<WebhookReceiver> logger)
{
    /// <summary>Stripe.net's tolerance: the signed timestamp may be at most this old (and Stripe signs each retry afresh).</summary>
    public const long StripeToleranceSeconds = 300;

    /// <summary>
    /// Square signs no timestamp and retries one event for about a day with the same body, so freshness is the body's
    /// <c>created_at</c>: older than this, the event is refused as stale (a replay of a captured delivery).
    /// </summary>
    public static readonly TimeSpan SquareTolerance = TimeSpan.FromHours(72);

    /// <summary>How far ahead of our clock a Square <c>created_at</c> may be (clock skew).</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    private const int MaxEventIdLength = 200;

    public async Task<WebhookAcknowledgement> ReceiveSquareAsync(int connectionId, byte[] body, string? signature, string? legacySignature, string requestUrl, CancellationToken cancellationToken)
    {
        var target = await targets.FindAsync(connectionId, ProcessorTypes.Square, cancellationToken);
        if (target.Secret is null) throw SignatureInvalid("The connection has no webhook signature key.");
        if (signature is null && legacySignature is null) throw SignatureInvalid($"The {SquareSignature.Header} header is missing.");
        if (!SquareSignature.Verify(target.Secret, target.NotificationUrl ?? requestUrl, body, signature, legacySignature))
            throw SignatureInvalid("The signature does not match the body.");

        var (eventId, eventType, createdAt) = ReadSquare(body);
        var now = clock.GetUtcNow();
        if (createdAt < now - SquareTolerance || createdAt > now + ClockSkew)
            throw SignatureInvalid($"The event was created at {createdAt:O}, outside the {SquareTolerance.TotalHours} h window webhooks are accepted in.");
        return await AcceptAsync(new WebhookEvent(WebhookSources.Square, connectionId, target.BarberId, eventId, eventType, now, Encoding.UTF8.GetString(body)), cancellationToken);
    }

    public async Task<WebhookAcknowledgement> ReceiveStripeAsync(int connectionId, byte[] body, string? signature, CancellationToken cancellationToken)
    {
        var target = await targets.FindAsync(connectionId, ProcessorTypes.Stripe, cancellationToken);
        if (target.Secret is null) throw SignatureInvalid("The connection has no webhook signing secret.");
        var text = Encoding.UTF8.GetString(body);
        var received = ReadStripe(text, signature, target.Secret);
        return await AcceptAsync(new WebhookEvent(WebhookSources.Stripe, connectionId, target.BarberId, received.Id, received.Type, clock.GetUtcNow(), text), cancellationToken);
    }

    public async Task<WebhookAcknowledgement> ReceiveStripePlatformAsync(byte[] body, string? signature, CancellationToken cancellationToken)
    {
        var secret = settings.StripeWebhookSecret ?? throw SignatureInvalid($"The platform's webhook signing secret ({SettingNames.StripeWebhookSecret}) is not configured.");
        var text = Encoding.UTF8.GetString(body);
        var received = ReadStripe(text, signature, secret);
        return await AcceptAsync(new WebhookEvent(WebhookSources.StripePlatform, 0, 0, received.Id, received.Type, clock.GetUtcNow(), text), cancellationToken);
    }

    /// <summary>
    /// Records the event and queues its message at once: one storage round trip on the accept path, not two. Whichever
    /// fails, what is left is one the processor's retry or the handler copes with:
    /// <list type="bullet">
    /// <item>record failed, message queued: the message stays; the handler finds the record if the insert landed after
    /// all, else it drops the message (<see cref="WebhookEventsHandler"/>), and the processor retries our error.</item>
    /// <item>recorded, message failed: the record is forgotten, so the processor's retry is accepted again rather than
    /// answered as a duplicate (a crash between the two leaves a record without a message: the hourly sync covers it).</item>
    /// <item>a redelivery (the record was there): its message is taken back; if that fails, applying is idempotent and
    /// an applied event is skipped.</item>
    /// </list>
    /// </summary>
    private async Task<WebhookAcknowledgement> AcceptAsync(WebhookEvent received, CancellationToken cancellationToken)
    {
        var send = queue.SendAsync(WebhookEventsHandler.QueueName, new WebhookEventMessage(received.Source, received.ConnectionId, received.EventId), cancellationToken);
        var record = log.TryRecordAsync(received, cancellationToken);
        WebhookEvent? earlier;
        try
        {
            earlier = await record;
        }
        catch
        {
            await Observe(send);
            throw;
        }
        if (earlier is not null)
        {
            if (await Observe(send) is { } duplicate) await Recall(duplicate);
            return new WebhookAcknowledgement(true, earlier.EventType, earlier.ReceivedAt);
        }
        try
        {
            await send;
        }
        catch
        {
            await log.ForgetAsync(received, CancellationToken.None);
            throw;
        }
        return new WebhookAcknowledgement(true, received.EventType, received.ReceivedAt);
    }

    // The other task's outcome once this one decided: its receipt, or null when it failed (the failure that decides is thrown).
    private static async Task<SendReceipt?> Observe(Task<SendReceipt> send)
    {
        try
        {
            return await send;
        }
        catch
        {
            return null;
        }
    }

    private async Task Recall(SendReceipt receipt)
    {
        try
        {
            await queue.RecallAsync(WebhookEventsHandler.QueueName, receipt, CancellationToken.None);
        }
        catch (RequestFailedException ex)
        {
            // Left queued: the handler skips an applied event, and applying twice changes nothing.
            logger.LogWarning(ex, "The message of a redelivered webhook event could not be taken back");
        }
    }

    /// <summary>Stripe.net checks the signature and its 300 s tolerance (on our clock); the event's API version is not
    /// checked: we read only ids, types and a few stable fields, and an endpoint's version is the account's to choose.</summary>
    private Event ReadStripe(string body, string? signature, string secret)
    {
        if (signature is null) throw SignatureInvalid("The Stripe-Signature header is missing.");
        Event received;
        try
        {
            received = EventUtility.ConstructEvent(body, signature, secret, StripeToleranceSeconds,
                clock.GetUtcNow().ToUnixTimeSeconds(), throwOnApiVersionMismatch: false);
        }
        catch (StripeException ex)
        {
            throw SignatureInvalid(ex.Message);
        }
        catch (Exception ex) when (ex is Newtonsoft.Json.JsonException or JsonException or FormatException or InvalidCastException or ArgumentException)
        {
            throw InvalidJson();
        }
        catch (InvalidOperationException)
        {
            // Stripe.net reads the signed body as an object; JSON that is an array, a string or null is no event (a 400, not a 500).
            throw DomainException.Validation("body", "The event must be a JSON object.");
        }
        CheckEventId(received.Id);
        if (string.IsNullOrEmpty(received.Type)) throw DomainException.Validation("type", "The event has no type.");
        return received;
    }

    private static (string EventId, string EventType, DateTimeOffset CreatedAt) ReadSquare(byte[] body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            throw InvalidJson();
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw DomainException.Validation("body", "The notification must be a JSON object.");
            var eventId = Text(root, "event_id");
            CheckEventId(eventId);
            var eventType = Text(root, "type") ?? throw DomainException.Validation("type", "The notification has no type.");
            var createdAt = Text(root, "created_at") is { } text && DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.AssumeUniversal, out var at) ? at : throw DomainException.Validation("created_at", "The notification has no valid created_at.");
            return (eventId!, eventType, createdAt);
        }
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    // The id becomes a row key: letters, digits and - _ . : only, so no id can reach outside its row.
    private static void CheckEventId(string? eventId)
    {
        if (string.IsNullOrEmpty(eventId) || eventId.Length > MaxEventIdLength || !eventId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':'))
            throw DomainException.Validation("event_id", "The event has no usable id.");
    }

    private static DomainException SignatureInvalid(string why) =>
        new(ErrorCodes.WebhookSignatureInvalid, "The webhook signature could not be verified: " + why, new Dictionary<string, object?> { ["reason"] = why });

    private static DomainException InvalidJson() =>
        new(ErrorCodes.InvalidJson, "The webhook body is not valid JSON.", new Dictionary<string, object?> { ["field"] = "body" });
}
