using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using BookedBarber.Payments.Amounts;
using BookedBarber.Payments.Connections;
using BookedBarber.Payments.Queues;
using BookedBarber.Payments.Sync;
using BookedBarber.Payments.Webhooks;
using Microsoft.Extensions.DependencyInjection;

namespace BookedBarber.Payments.FunctionalTests;

/// <summary>
/// POST /webhooks/square/{id}, /webhooks/stripe/{id} and /webhooks/stripe-platform, signed in the tests exactly as Square
/// and Stripe sign (HMAC over the notification URL + body; t=…,v1=HMAC of "t.body"), against connections stored with
/// sealed webhook secrets. Every refusal leaves the event table and the queue empty. Each test has a host of its own, so
/// queue counts are exact.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class WebhookTests(AzuriteFixture azurite)
{
    private const string PlatformSecret = "whsec_platform_test_secret";
    private const string NotificationUrl = "https://api.bookedbarber.test/api/v1/webhooks/square/registered";

    private async Task<ApiHost> Host(bool seed = false)
    {
        var host = await ApiHost.StartAsync(azurite, seed: seed, settings: new Dictionary<string, string?> { ["STRIPE_WEBHOOK_SECRET"] = PlatformSecret });
        // The sync feature's queue (its consumer is listed in the catalog once sync lands; until then nothing creates it).
        await host.Storage.Queue(SyncRequest.QueueName).CreateIfNotExistsAsync();
        return host;
    }

    /// <summary>A connection stored directly, as the connections feature would after registering our webhook.</summary>
    private static async Task<ProcessorConnection> Connect(ApiHost host, string processor, string secret, int barberId = 1,
        string? webhookUrl = NotificationUrl, string status = ConnectionStatus.Connected)
    {
        var secrets = host.Services.GetRequiredService<ConnectionSecrets>();
        var connection = new ProcessorConnection(0, barberId, processor, "acct-" + Guid.NewGuid().ToString("N")[..10], "Test", status,
            secrets.Seal(barberId, new ConnectionCredentials(AccessToken: "token")), null, "USD",
            new ProcessingFees(0.026m, 0.029m, new Money(10, Currency.Usd)), DateTimeOffset.UtcNow,
            ProtectedWebhookSecret: secrets.SealSecret(barberId, secret), WebhookUrl: processor == ProcessorTypes.Square ? webhookUrl : null);
        return await host.Services.GetRequiredService<ConnectionStore>().CreateAsync(connection, default);
    }

    private static string SquareEvent(string type = "payment.updated", string? eventId = null, DateTimeOffset? createdAt = null, string paymentId = "sq_pay_1") =>
        new JsonObject
        {
            ["merchant_id"] = "MERCHANT1",
            ["type"] = type,
            ["event_id"] = eventId ?? Guid.NewGuid().ToString(),
            ["created_at"] = (createdAt ?? DateTimeOffset.UtcNow).ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
            ["data"] = type.StartsWith("refund", StringComparison.Ordinal)
                ? new JsonObject { ["type"] = "refund", ["id"] = "sq_ref_1", ["object"] = new JsonObject { ["refund"] = new JsonObject { ["id"] = "sq_ref_1", ["payment_id"] = paymentId } } }
                : new JsonObject { ["type"] = "payment", ["id"] = paymentId, ["object"] = new JsonObject { ["payment"] = new JsonObject { ["id"] = paymentId, ["status"] = "COMPLETED" } } },
        }.ToJsonString();

    private static string SquareSignature256(string key, string url, string body) =>
        Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(url + body)));

    private static string SquareSignature1(string key, string url, string body) =>
        Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(url + body)));

    private static Task<HttpResponseMessage> PostSquare(ApiHost host, int connectionId, string body, string? signature, string header = "x-square-hmacsha256-signature") =>
        Post(host, $"webhooks/square/{connectionId}", body, signature is null ? [] : [(header, signature)]);

    private static string StripeEvent(string type, JsonObject dataObject, string? eventId = null) =>
        new JsonObject
        {
            ["id"] = eventId ?? "evt_" + Guid.NewGuid().ToString("N")[..24],
            ["object"] = "event",
            ["api_version"] = Stripe.StripeConfiguration.ApiVersion,
            ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["livemode"] = false,
            ["pending_webhooks"] = 1,
            ["type"] = type,
            ["data"] = new JsonObject { ["object"] = dataObject },
        }.ToJsonString();

    /// <summary>Stripe's scheme: t=unix time, v1=hex HMAC-SHA256(secret, "{t}.{body}").</summary>
    private static string StripeSignature(string secret, string body, DateTimeOffset? at = null)
    {
        var t = (at ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{t}.{body}"));
        return $"t={t},v1={Convert.ToHexStringLower(mac)}";
    }

    private static Task<HttpResponseMessage> PostStripe(ApiHost host, string path, string body, string? signature) =>
        Post(host, path, body, signature is null ? [] : [("Stripe-Signature", signature)]);

    private static Task<HttpResponseMessage> Post(ApiHost host, string path, string body, IEnumerable<(string, string)> headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        foreach (var (name, value) in headers) request.Headers.TryAddWithoutValidation(name, value);
        return host.Client.SendAsync(request);
    }

    private static async Task<IReadOnlyList<string>> Queued(ApiHost host, string queue) =>
        (await host.Storage.Queue(queue).PeekMessagesAsync(32)).Value.Select(m => m.Body.ToString()).ToList();

    private static Task<IReadOnlyList<string>> Recorded(ApiHost host, string source, int connectionId) =>
        host.Services.GetRequiredService<WebhookEventLog>().ListIdsAsync(source, connectionId, default);

    private static async Task AssertNothingStored(ApiHost host, string source, int connectionId)
    {
        Assert.Empty(await Recorded(host, source, connectionId));
        Assert.Empty(await Queued(host, WebhookEventsHandler.QueueName));
    }

    /// <summary>Runs the queued webhook-events messages through the handler, as the queue trigger would.</summary>
    private static async Task DrainWebhookEvents(ApiHost host)
    {
        var queue = host.Storage.Queue(WebhookEventsHandler.QueueName);
        var dispatcher = host.Services.GetRequiredService<QueueDispatcher>();
        foreach (var message in (await queue.ReceiveMessagesAsync(32)).Value)
        {
            await dispatcher.HandleAsync(new QueueDelivery(WebhookEventsHandler.QueueName, message.MessageId, message.Body.ToString(), message.DequeueCount), default);
            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
        }
    }

    private static void AssertAcknowledged(JsonElement body, string eventType)
    {
        Assert.Equal(["received", "event_type", "processed_at"], body.EnumerateObject().Select(p => p.Name));
        Assert.True(body.GetProperty("received").GetBoolean());
        Assert.Equal(eventType, body.GetProperty("event_type").GetString());
        Assert.True(body.GetProperty("processed_at").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-1));
    }

    [Fact]
    public async Task ASignedSquarePayment_IsRecordedQueuedAndAnswered_ThenAsksSyncToRefreshThatPayment()
    {
        await using var host = await Host();
        var connection = await Connect(host, ProcessorTypes.Square, "sq-signature-key");
        var body = SquareEvent("payment.updated", paymentId: "sq_pay_42");

        var response = await PostSquare(host, connection.Id, body, SquareSignature256("sq-signature-key", NotificationUrl, body));

        AssertAcknowledged(await ApiAssert.Json(response, 200), "payment.updated");
        Assert.Single(await Recorded(host, WebhookSources.Square, connection.Id));
        Assert.Single(await Queued(host, WebhookEventsHandler.QueueName));

        await DrainWebhookEvents(host);
        var sync = JsonSerializer.Deserialize<SyncRequest>((await Queued(host, SyncRequest.QueueName)).Single(), Http.Json.Options)!;
        Assert.Equal((1, connection.Id, false, "webhook"), (sync.BarberId, sync.ConnectionId, sync.Force, sync.Trigger));
        Assert.Equal(["sq_pay_42"], sync.PaymentIds);
        Assert.Null(sync.Since);
    }

    [Fact]
    public async Task ASquareRefund_RefreshesTheRefundedPayment_AndARedeliveredMessageDoesNothingMore()
    {
        await using var host = await Host();
        var connection = await Connect(host, ProcessorTypes.Square, "sq-key");
        var body = SquareEvent("refund.created", paymentId: "sq_pay_refunded");
        await ApiAssert.Json(await PostSquare(host, connection.Id, body, SquareSignature256("sq-key", NotificationUrl, body)), 200);
        var message = (await Queued(host, WebhookEventsHandler.QueueName)).Single();

        await DrainWebhookEvents(host);
        // At-least-once delivery: the same message again is skipped (the event is marked handled).
        await host.Services.GetRequiredService<QueueDispatcher>().HandleAsync(new QueueDelivery(WebhookEventsHandler.QueueName, "again", message, 2), default);

        var sync = JsonSerializer.Deserialize<SyncRequest>((await Queued(host, SyncRequest.QueueName)).Single(), Http.Json.Options)!;
        Assert.Equal(["sq_pay_refunded"], sync.PaymentIds);
    }

    [Fact]
    public async Task TheLegacySquareSha1Signature_IsAccepted()
    {
        await using var host = await Host();
        var connection = await Connect(host, ProcessorTypes.Square, "legacy-key");
        var body = SquareEvent("payment.created");

        var response = await PostSquare(host, connection.Id, body, SquareSignature1("legacy-key", NotificationUrl, body), "X-Square-Signature");

        AssertAcknowledged(await ApiAssert.Json(response, 200), "payment.created");
    }

    [Fact]
    public async Task WithoutAStoredNotificationUrl_TheRequestUrlIsWhatSquareSigned()
    {
        await using var host = await Host();
        var connection = await Connect(host, ProcessorTypes.Square, "url-key", webhookUrl: null);
        var body = SquareEvent();
        var url = new Uri(host.Client.BaseAddress!, $"webhooks/square/{connection.Id}").ToString();

        await ApiAssert.Json(await PostSquare(host, connection.Id, body, SquareSignature256("url-key", url, body)), 200);
        await ApiAssert.Error(await PostSquare(host, connection.Id, SquareEvent(), SquareSignature256("url-key", NotificationUrl, body)), 400, "WEBHOOK_SIGNATURE_INVALID");
    }

    [Fact]
    public async Task ForgedMissingAndOtherConnectionsSignatures_Are400_AndNothingIsStored()
    {
        await using var host = await Host();
        var connection = await Connect(host, ProcessorTypes.Square, "right-key");
        await Connect(host, ProcessorTypes.Square, "other-key");
        var body = SquareEvent();

        var forged = SquareSignature256("right-key", NotificationUrl, body.Replace("COMPLETED", "FAILED"));
        await ApiAssert.Error(await PostSquare(host, connection.Id, body, forged), 400, "WEBHOOK_SIGNATURE_INVALID");
        await ApiAssert.Error(await PostSquare(host, connection.Id, body, null), 400, "WEBHOOK_SIGNATURE_INVALID");
        await ApiAssert.Error(await PostSquare(host, connection.Id, body, SquareSignature256("other-key", NotificationUrl, body)), 400, "WEBHOOK_SIGNATURE_INVALID");
        await ApiAssert.Error(await PostSquare(host, connection.Id, body, "not base64 at all"), 400, "WEBHOOK_SIGNATURE_INVALID");

        await AssertNothingStored(host, WebhookSources.Square, connection.Id);
    }

    [Fact]
    public async Task AStaleSquareEvent_Is400_AndNothingIsStored()
    {
        await using var host = await Host();
        var connection = await Connect(host, ProcessorTypes.Square, "key");
        var body = SquareEvent(createdAt: DateTimeOffset.UtcNow - WebhookReceiver.SquareTolerance - TimeSpan.FromMinutes(1));

        var error = await ApiAssert.Error(await PostSquare(host, connection.Id, body, SquareSignature256("key", NotificationUrl, body)), 400, "WEBHOOK_SIGNATURE_INVALID");

        Assert.Contains("window", error.GetProperty("message").GetString());
        await AssertNothingStored(host, WebhookSources.Square, connection.Id);
    }

    [Fact]
    public async Task AReplayedEventId_Is200WithTheSameBody_AndQueuesNothingNew()
    {
        await using var host = await Host();
        var connection = await Connect(host, ProcessorTypes.Square, "key");
        var body = SquareEvent("payment.updated", eventId: "7f0e3c6a-replayed");
        var signature = SquareSignature256("key", NotificationUrl, body);

        var first = await (await PostSquare(host, connection.Id, body, signature)).Content.ReadAsStringAsync();
        var again = await PostSquare(host, connection.Id, body, signature);

        await ApiAssert.Json(again, 200);
        Assert.Equal(first, await again.Content.ReadAsStringAsync());
        Assert.Equal(["7f0e3c6a-replayed"], await Recorded(host, WebhookSources.Square, connection.Id));
        Assert.Single(await Queued(host, WebhookEventsHandler.QueueName));
    }

    [Fact]
    public async Task UnknownDisconnectedAndOtherProcessorsConnections_Are404_AndABadIdIs400()
    {
        await using var host = await Host();
        var disconnected = await Connect(host, ProcessorTypes.Square, "key", status: ConnectionStatus.Disconnected);
        var stripe = await Connect(host, ProcessorTypes.Stripe, "whsec_x");
        var body = SquareEvent();

        await ApiAssert.Error(await PostSquare(host, 987654, body, SquareSignature256("key", NotificationUrl, body)), 404, "NOT_FOUND");
        await ApiAssert.Error(await PostSquare(host, disconnected.Id, body, SquareSignature256("key", NotificationUrl, body)), 404, "NOT_FOUND");
        await ApiAssert.Error(await PostSquare(host, stripe.Id, body, SquareSignature256("whsec_x", NotificationUrl, body)), 404, "NOT_FOUND");
        var error = await ApiAssert.Error(await Post(host, "webhooks/square/abc", body, []), 400, "VALIDATION_ERROR");
        Assert.Equal("connection_id", error.GetProperty("details").GetProperty("field").GetString());

        await AssertNothingStored(host, WebhookSources.Square, disconnected.Id);
    }

    [Theory]
    [InlineData("a/b")]
    [InlineData("evt#1")]
    [InlineData("")]
    public async Task AnEventIdThatCannotBeAKey_Is400_AndNothingIsStored(string eventId)
    {
        await using var host = await Host();
        var connection = await Connect(host, ProcessorTypes.Square, "key");
        var body = SquareEvent(eventId: eventId);

        var error = await ApiAssert.Error(await PostSquare(host, connection.Id, body, SquareSignature256("key", NotificationUrl, body)), 400, "VALIDATION_ERROR");

        Assert.Equal("event_id", error.GetProperty("details").GetProperty("field").GetString());
        await AssertNothingStored(host, WebhookSources.Square, connection.Id);
    }

    [Fact]
    public async Task ADisputeOnABarbersOwnStripe_RefreshesItsPaymentIntent()
    {
        await using var host = await Host();
        var connection = await Connect(host, ProcessorTypes.Stripe, "whsec_dispute");
        var body = StripeEvent("charge.dispute.created", new JsonObject { ["id"] = "dp_9", ["object"] = "dispute", ["charge"] = "ch_9", ["payment_intent"] = "pi_disputed" });

        await ApiAssert.Json(await PostStripe(host, $"webhooks/stripe/{connection.Id}", body, StripeSignature("whsec_dispute", body)), 200);
        await DrainWebhookEvents(host);

        var sync = JsonSerializer.Deserialize<SyncRequest>((await Queued(host, SyncRequest.QueueName)).Single(), Http.Json.Options)!;
        Assert.Equal((connection.Id, "webhook"), (sync.ConnectionId, sync.Trigger));
        Assert.Equal(["pi_disputed"], sync.PaymentIds);
    }

    [Fact]
    public async Task ABodyOverOneMegabyte_Is413_AndNothingIsStored()
    {
        await using var host = await Host();
        var connection = await Connect(host, ProcessorTypes.Square, "key");
        var body = SquareEvent().Replace("\"MERCHANT1\"", "\"" + new string('x', 1024 * 1024) + "\"");

        await ApiAssert.Error(await PostSquare(host, connection.Id, body, SquareSignature256("key", NotificationUrl, body)), 413, "PAYLOAD_TOO_LARGE");

        await AssertNothingStored(host, WebhookSources.Square, connection.Id);
    }

    [Fact]
    public async Task MalformedJsonWithAValidSignature_Is400InvalidJson_AndNothingIsStored()
    {
        await using var host = await Host();
        var square = await Connect(host, ProcessorTypes.Square, "key");
        var stripe = await Connect(host, ProcessorTypes.Stripe, "whsec_key");
        const string body = "{\"event_id\": \"abc\", \"type\": ";

        await ApiAssert.Error(await PostSquare(host, square.Id, body, SquareSignature256("key", NotificationUrl, body)), 400, "INVALID_JSON");
        await ApiAssert.Error(await PostStripe(host, $"webhooks/stripe/{stripe.Id}", body, StripeSignature("whsec_key", body)), 400, "INVALID_JSON");

        await AssertNothingStored(host, WebhookSources.Square, square.Id);
        Assert.Empty(await Recorded(host, WebhookSources.Stripe, stripe.Id));
    }

    [Fact]
    public async Task ASignedStripeEvent_IsAccepted_AndForgedStaleOrUnsignedOnesAre400()
    {
        await using var host = await Host();
        var connection = await Connect(host, ProcessorTypes.Stripe, "whsec_barber_secret");
        var path = $"webhooks/stripe/{connection.Id}";
        var body = StripeEvent("payment_intent.succeeded", new JsonObject { ["id"] = "pi_barber_1", ["object"] = "payment_intent", ["status"] = "succeeded" });

        await ApiAssert.Error(await PostStripe(host, path, body, StripeSignature("whsec_other", body)), 400, "WEBHOOK_SIGNATURE_INVALID");
        await ApiAssert.Error(await PostStripe(host, path, body, StripeSignature("whsec_barber_secret", body, DateTimeOffset.UtcNow.AddSeconds(-WebhookReceiver.StripeToleranceSeconds - 60))), 400, "WEBHOOK_SIGNATURE_INVALID");
        await ApiAssert.Error(await PostStripe(host, path, body, null), 400, "WEBHOOK_SIGNATURE_INVALID");
        await AssertNothingStored(host, WebhookSources.Stripe, connection.Id);

        AssertAcknowledged(await ApiAssert.Json(await PostStripe(host, path, body, StripeSignature("whsec_barber_secret", body)), 200), "payment_intent.succeeded");
        await DrainWebhookEvents(host);
        var sync = JsonSerializer.Deserialize<SyncRequest>((await Queued(host, SyncRequest.QueueName)).Single(), Http.Json.Options)!;
        Assert.Equal(["pi_barber_1"], sync.PaymentIds);
    }

    [Fact]
    public async Task StripeAccountUpdated_WithChargesDisabled_PutsTheConnectionInError_AndAnOlderEventDoesNotUndoIt()
    {
        await using var host = await Host();
        var connection = await Connect(host, ProcessorTypes.Stripe, "whsec_acct");
        var path = $"webhooks/stripe/{connection.Id}";
        var disabled = StripeEvent("account.updated", new JsonObject { ["id"] = "acct_1", ["object"] = "account", ["charges_enabled"] = false });
        var olderEnabled = JsonNode.Parse(StripeEvent("account.updated", new JsonObject { ["id"] = "acct_1", ["object"] = "account", ["charges_enabled"] = true }))!;
        olderEnabled["created"] = DateTimeOffset.UtcNow.AddMinutes(-10).ToUnixTimeSeconds();
        var older = olderEnabled.ToJsonString();

        await ApiAssert.Json(await PostStripe(host, path, disabled, StripeSignature("whsec_acct", disabled)), 200);
        await DrainWebhookEvents(host);
        await ApiAssert.Json(await PostStripe(host, path, older, StripeSignature("whsec_acct", older)), 200);
        await DrainWebhookEvents(host);

        var stored = await host.Services.GetRequiredService<ConnectionStore>().GetAsync(1, connection.Id, default);
        Assert.Equal(ConnectionStatus.Error, stored!.Status);
        Assert.NotNull(stored.LastHealthCheckAt);
        Assert.Empty(await Queued(host, SyncRequest.QueueName));
    }

    [Fact]
    public async Task PlatformRefundAndDisputeOfACentralizedPayment_AreRecordedOnOurLedger_OnceAndForwardOnly()
    {
        await using var host = await Host(seed: true);
        var appointment = await host.NewAppointmentAsync(2);
        var paid = await ApiAssert.Json(await host.ProcessAsync(2, Payments.Body(appointment, "tok_visa")), 200);
        var intentId = paid.GetProperty("payment_id").GetString()!;
        var attempt = (await host.Services.GetRequiredService<Ledger.PaymentLedger>().ListAsync(2, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddMinutes(1), default))
            .Single(a => a.ProcessorPaymentId == intentId);

        JsonObject Charge(long refunded) => new()
        {
            ["id"] = "ch_" + intentId, ["object"] = "charge", ["amount"] = 7500, ["amount_refunded"] = refunded, ["refunded"] = refunded == 7500,
            ["payment_intent"] = intentId,
            ["metadata"] = new JsonObject { ["attempt_id"] = attempt.AttemptId, ["barber_id"] = "2", ["appointment_id"] = appointment.ToString(CultureInfo.InvariantCulture) },
        };
        var partial = StripeEvent("charge.refunded", Charge(2500));
        var full = StripeEvent("charge.refunded", Charge(7500));
        // The dispute carries no metadata: the payment intent is read from (simulated) Stripe to find our attempt.
        var dispute = StripeEvent("charge.dispute.created", new JsonObject { ["id"] = "dp_1", ["object"] = "dispute", ["amount"] = 7500, ["charge"] = "ch_" + intentId, ["payment_intent"] = intentId });

        foreach (var body in new[] { full, partial, dispute })
            await ApiAssert.Json(await PostStripe(host, "webhooks/stripe-platform", body, StripeSignature(PlatformSecret, body)), 200);
        await DrainWebhookEvents(host);

        var stored = await host.Services.GetRequiredService<Ledger.PaymentLedger>().GetAsync(2, attempt.RowKey, default);
        Assert.Equal(7500, stored!.Refunded!.Value.Minor);
        Assert.NotNull(stored.DisputedAt);
        Assert.Equal(Ledger.AttemptStatus.Completed, stored.Status);
        Assert.Empty(await Queued(host, SyncRequest.QueueName));
        var refunds = (await ApiAssert.Json(await host.GetAsync("hybrid-payments/routing-stats/2", host.BarberToken(2)), 200)).GetProperty("refunds");
        Assert.Equal((1, "75.00", 1), (refunds.GetProperty("refunded_count").GetInt32(), refunds.GetProperty("refunded_amount").GetRawText(), refunds.GetProperty("disputed_count").GetInt32()));

        await ApiAssert.Error(await PostStripe(host, "webhooks/stripe-platform", full, StripeSignature("whsec_wrong", full)), 400, "WEBHOOK_SIGNATURE_INVALID");
    }

    [Fact]
    public async Task AWebhookEventThatAlwaysFails_LandsInThePoisonQueue_AndHealthShowsIt()
    {
        await using var host = await ApiHost.StartAsync(azurite, seed: false, background: true,
            queues: new DevHost.QueueHostSettings(BatchSize: 4, NewBatchThreshold: 2, MaxPollingInterval: TimeSpan.FromMilliseconds(200), VisibilityTimeout: TimeSpan.Zero, MaxDequeueCount: 3));
        await host.Services.GetRequiredService<QueueSender>().SendAsync(WebhookEventsHandler.QueueName, "not a webhook-events message", default);

        var deadline = DateTime.UtcNow.AddSeconds(20);
        JsonElement queues;
        do
        {
            await Task.Delay(200);
            queues = (await ApiAssert.Json(await host.GetAsync("health"), 200)).GetProperty("queues");
        }
        while (queues.GetProperty("webhook-events").GetProperty("poison_depth").GetInt32() == 0 && DateTime.UtcNow < deadline);

        Assert.Equal(1, queues.GetProperty("webhook-events").GetProperty("poison_depth").GetInt32());
        Assert.Equal(0, queues.GetProperty("webhook-events").GetProperty("depth").GetInt32());
        Assert.Equal(0, queues.GetProperty("maintenance").GetProperty("poison_depth").GetInt32());
    }

    // The accept path records the event and queues its message at once; these are the states that can leave.

    [Fact]
    public async Task WhenTheMessageCannotBeQueued_TheDeliveryIs500_ItsRecordIsForgotten_AndTheRetryIsAccepted()
    {
        await using var host = await Host();
        var connection = await Connect(host, ProcessorTypes.Square, "key");
        var body = SquareEvent("payment.updated", eventId: "evt-enqueue-fails");
        var signature = SquareSignature256("key", NotificationUrl, body);
        await host.Storage.Queue(WebhookEventsHandler.QueueName).DeleteAsync();

        await ApiAssert.Error(await PostSquare(host, connection.Id, body, signature), 500, "INTERNAL_ERROR");
        Assert.Empty(await Recorded(host, WebhookSources.Square, connection.Id));

        await host.Storage.Queue(WebhookEventsHandler.QueueName).CreateAsync();
        AssertAcknowledged(await ApiAssert.Json(await PostSquare(host, connection.Id, body, signature), 200), "payment.updated");
        Assert.Equal(["evt-enqueue-fails"], await Recorded(host, WebhookSources.Square, connection.Id));
        Assert.Single(await Queued(host, WebhookEventsHandler.QueueName));
    }

    [Fact]
    public async Task WhenTheEventCannotBeRecorded_TheDeliveryIs500_AndItsMessageIsDroppedWithoutEffect()
    {
        await using var host = await Host();
        var connection = await Connect(host, ProcessorTypes.Square, "key");
        var body = SquareEvent("payment.updated", eventId: "evt-record-fails");
        await host.Storage.Table(host.Storage.Names.WebhookEvents).DeleteAsync();

        await ApiAssert.Error(await PostSquare(host, connection.Id, body, SquareSignature256("key", NotificationUrl, body)), 500, "INTERNAL_ERROR");

        await host.Storage.Table(host.Storage.Names.WebhookEvents).CreateIfNotExistsAsync();
        Assert.Single(await Queued(host, WebhookEventsHandler.QueueName));
        await DrainWebhookEvents(host);
        Assert.Empty(await Queued(host, SyncRequest.QueueName));
        Assert.Empty(await Recorded(host, WebhookSources.Square, connection.Id));
    }

    [Fact]
    public async Task AMessageHandledBeforeItsRecordIsWritten_WaitsForTheRecord_AndAppliesIt()
    {
        await using var host = await Host();
        var connection = await Connect(host, ProcessorTypes.Square, "key");
        var received = new WebhookEvent(WebhookSources.Square, connection.Id, 1, "evt-record-late", "payment.updated", DateTimeOffset.UtcNow,
            SquareEvent("payment.updated", eventId: "evt-record-late", paymentId: "sq_pay_late"));
        var message = JsonSerializer.Serialize(new WebhookEventMessage(received.Source, received.ConnectionId, received.EventId), Http.Json.Options);

        var handling = host.Services.GetRequiredService<QueueDispatcher>().HandleAsync(new QueueDelivery(WebhookEventsHandler.QueueName, "early", message, 1), default);
        await Task.Delay(150);
        Assert.Null(await host.Services.GetRequiredService<WebhookEventLog>().TryRecordAsync(received, default));
        await handling;

        var sync = JsonSerializer.Deserialize<SyncRequest>((await Queued(host, SyncRequest.QueueName)).Single(), Http.Json.Options)!;
        Assert.Equal(["sq_pay_late"], sync.PaymentIds);
    }
}
