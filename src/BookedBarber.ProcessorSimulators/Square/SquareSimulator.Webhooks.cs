using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace BookedBarber.ProcessorSimulators.Square;

// Webhooks: every event on a seller (payment.created, payment.updated, refund.created, refund.updated) becomes a signed
// notification to each of its enabled subscriptions naming that event type, sent in the background by one worker
// (in order, unless ReorderDeliveries), retried on failure, with switches for delay, duplicates, reordering and pause.
public sealed partial class SquareSimulator
{
    private readonly Channel<SimOutgoing> _outbox = Channel.CreateUnbounded<SimOutgoing>(new UnboundedChannelOptions { SingleReader = true });
    private readonly List<SimOutgoing> _held = [];
    private readonly List<SquareWebhookDelivery> _deliveries = [];
    private readonly HashSet<TimerSlot> _timers = [];
    private readonly CancellationTokenSource _stopping = new();
    private Task? _deliveryWorker;
    private int _pendingDeliveries;
    private long _deliveryDelayTicks;
    private long _retryBackoffTicks = TimeSpan.FromMilliseconds(100).Ticks;
    private int _duplicateDeliveries;
    private int _reorderDeliveries;
    private int _deliveriesPaused;
    private int _reorderBatchSize = 2;
    private int _maxDeliveryAttempts = 4;
    private HttpClient? _webhookHttpClient;

    private sealed record SimOutgoing(
        string EventId, string Type, string MerchantId, string SubscriptionId, string Url, string SignatureKey, string ApiVersion, string Body,
        DateTimeOffset DueAt)
    {
        public int Attempt { get; init; } = 1;

        public DateTimeOffset? FirstSentAt { get; init; }
    }

    /// <summary>How long after the event a notification is sent (default zero).</summary>
    public TimeSpan DeliveryDelay
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _deliveryDelayTicks));
        set => Interlocked.Exchange(ref _deliveryDelayTicks, Math.Max(0, value.Ticks));
    }

    /// <summary>While true each notification is sent twice (same event_id and body), as Square's at-least-once delivery may.</summary>
    public bool DuplicateDeliveries
    {
        get => Volatile.Read(ref _duplicateDeliveries) == 1;
        set => Volatile.Write(ref _duplicateDeliveries, value ? 1 : 0);
    }

    /// <summary>
    /// While true notifications are held and sent in reverse order, a batch of <see cref="ReorderBatchSize"/> at a
    /// time (so a payment's payment.updated arrives before its payment.created). Turning it off sends what is held,
    /// newest first.
    /// </summary>
    public bool ReorderDeliveries
    {
        get => Volatile.Read(ref _reorderDeliveries) == 1;
        set
        {
            Volatile.Write(ref _reorderDeliveries, value ? 1 : 0);
            if (!value)
            {
                ReleaseHeldDeliveries();
            }
        }
    }

    /// <summary>How many held notifications make a reversed batch (default 2).</summary>
    public int ReorderBatchSize
    {
        get => Volatile.Read(ref _reorderBatchSize);
        set => Volatile.Write(ref _reorderBatchSize, Math.Max(1, value));
    }

    /// <summary>While true nothing is sent; notifications wait in the outbox (switch it off to let them go).</summary>
    public bool DeliveriesPaused
    {
        get => Volatile.Read(ref _deliveriesPaused) == 1;
        set => Volatile.Write(ref _deliveriesPaused, value ? 1 : 0);
    }

    /// <summary>Attempts per notification before giving up on a non-2xx answer or no answer (default 4).</summary>
    public int MaxDeliveryAttempts
    {
        get => Volatile.Read(ref _maxDeliveryAttempts);
        set => Volatile.Write(ref _maxDeliveryAttempts, Math.Max(1, value));
    }

    /// <summary>Wait before the first retry, doubled for each next one (default 100 ms; Square's own are minutes apart).</summary>
    public TimeSpan RetryBackoff
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _retryBackoffTicks));
        set => Interlocked.Exchange(ref _retryBackoffTicks, Math.Max(0, value.Ticks));
    }

    /// <summary>The client notifications are POSTed with (default: a shared one with a 10 s timeout).</summary>
    public HttpClient WebhookHttpClient
    {
        get => Volatile.Read(ref _webhookHttpClient) ?? SharedWebhookClient.Value;
        set => Volatile.Write(ref _webhookHttpClient, value);
    }

    /// <summary>Notifications not yet finished: queued, held for reordering, or being sent (retries included).</summary>
    public int PendingDeliveries => Volatile.Read(ref _pendingDeliveries);

    /// <summary>Every attempt made so far, in the order sent.</summary>
    public IReadOnlyList<SquareWebhookDelivery> Deliveries
    {
        get
        {
            lock (_deliveries)
            {
                return [.. _deliveries];
            }
        }
    }

    /// <summary>Completes when no notification is pending (held ones count: release them first), or throws TimeoutException.</summary>
    public async Task WaitForDeliveriesAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (PendingDeliveries > 0)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{PendingDeliveries} Square webhook deliveries still pending.");
            }

            // Real time, not Clock: a test's fake clock must not stall the wait.
            await Task.Delay(10, cancellationToken);
        }
    }

    /// <summary>Sends every held notification now, newest first.</summary>
    public void ReleaseHeldDeliveries()
    {
        lock (_held)
        {
            for (var i = _held.Count - 1; i >= 0; i--)
            {
                _outbox.Writer.TryWrite(_held[i]);
            }

            _held.Clear();
        }
    }

    /// <summary>Square's webhook signature: base64(HMAC-SHA256(signature key, notification URL + raw body)).</summary>
    public static string ComputeSignature(string signatureKey, string notificationUrl, string body)
    {
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(signatureKey), Encoding.UTF8.GetBytes(notificationUrl + body));
        return Convert.ToBase64String(mac);
    }

    /// <summary>Square's legacy <c>x-square-signature</c>: base64(HMAC-SHA1(signature key, notification URL + raw body)).</summary>
    public static string ComputeLegacySignature(string signatureKey, string notificationUrl, string body)
    {
        var mac = HMACSHA1.HashData(Encoding.UTF8.GetBytes(signatureKey), Encoding.UTF8.GetBytes(notificationUrl + body));
        return Convert.ToBase64String(mac);
    }

    /// <summary>
    /// POSTs a signed <c>payment.updated</c> notification for the payment to <paramref name="notificationUrl"/> now
    /// (whatever the subscriptions) and returns the subscriber's status code.
    /// </summary>
    public async Task<System.Net.HttpStatusCode> DeliverPaymentUpdatedAsync(
        string paymentId,
        string notificationUrl,
        string signatureKey,
        HttpClient? httpClient = null,
        string? eventId = null,
        CancellationToken cancellationToken = default)
    {
        string body;
        lock (_gate)
        {
            var payment = _paymentsById[paymentId];
            ApplyDueFees(payment, Now());
            body = Notification(payment.MerchantId, "payment.updated", eventId ?? Guid.NewGuid().ToString(), "payment", payment.Id, payment.ToJson()).ToJsonString();
        }

        using var request = SignedRequest(notificationUrl, signatureKey, SquareClientVersion, body, Now(), retry: 0);
        using var response = await (httpClient ?? WebhookHttpClient).SendAsync(request, cancellationToken);
        return response.StatusCode;
    }

    private const string SquareClientVersion = "2025-08-20";

    private void EmitPayment(string type, SimPayment payment) => Emit(payment.MerchantId, type, "payment", payment.Id, payment.ToJson);

    private void EmitRefund(string type, SimRefund refund) => Emit(refund.Payment.MerchantId, type, "refund", refund.Id, refund.ToJson);

    // Called under _gate at the moment of the event: the body is a snapshot of the object then, as Square's are.
    private void Emit(string merchantId, string type, string objectType, string id, Func<JsonObject> snapshot)
    {
        if (!_merchantsById.TryGetValue(merchantId, out var merchant))
        {
            return;
        }

        var targets = merchant.Subscriptions.Where(s => s.Enabled && s.EventTypes.Contains(type)).ToList();
        if (targets.Count == 0)
        {
            return;
        }

        var eventId = Guid.NewGuid().ToString();
        var body = Notification(merchantId, type, eventId, objectType, id, snapshot()).ToJsonString();
        var dueAt = Now() + DeliveryDelay;
        var copies = DuplicateDeliveries ? 2 : 1;
        foreach (var subscription in targets)
        {
            for (var copy = 0; copy < copies; copy++)
            {
                Enqueue(new SimOutgoing(eventId, type, merchantId, subscription.Id, subscription.NotificationUrl, subscription.SignatureKey,
                    subscription.ApiVersion, body, dueAt));
            }
        }
    }

    private JsonObject Notification(string merchantId, string type, string eventId, string objectType, string id, JsonObject obj) => new()
    {
        ["merchant_id"] = merchantId,
        ["type"] = type,
        ["event_id"] = eventId,
        ["created_at"] = Rfc3339(Now()),
        ["data"] = new JsonObject
        {
            ["type"] = objectType,
            ["id"] = id,
            ["object"] = new JsonObject { [objectType] = obj },
        },
    };

    private void Enqueue(SimOutgoing outgoing)
    {
        Interlocked.Increment(ref _pendingDeliveries);
        if (_deliveryWorker is null)
        {
            lock (_outbox)
            {
                _deliveryWorker ??= Task.Run(DeliverAllAsync);
            }
        }

        if (ReorderDeliveries)
        {
            lock (_held)
            {
                _held.Add(outgoing);
                if (_held.Count < ReorderBatchSize)
                {
                    return;
                }
            }

            ReleaseHeldDeliveries();
            return;
        }

        _outbox.Writer.TryWrite(outgoing);
    }

    private async Task DeliverAllAsync()
    {
        var stopping = _stopping.Token;
        try
        {
            await foreach (var outgoing in _outbox.Reader.ReadAllAsync(stopping))
            {
                var finished = true;
                try
                {
                    while (DeliveriesPaused)
                    {
                        await Task.Delay(20, stopping);
                    }

                    var wait = outgoing.DueAt - Now();
                    if (wait > TimeSpan.Zero)
                    {
                        await Task.Delay(wait, Clock, stopping);
                    }

                    finished = await DeliverAsync(outgoing, stopping);
                }
                finally
                {
                    if (finished)
                    {
                        Interlocked.Decrement(ref _pendingDeliveries);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Shutting down: what is left is dropped, as a stopped simulator sends nothing.
        }
    }

    /// <summary>
    /// One attempt. A failure with attempts left goes back to the outbox after the backoff (in real time, so a failing
    /// subscriber never holds up the others) and the notification stays pending: returns false then.
    /// </summary>
    private async Task<bool> DeliverAsync(SimOutgoing outgoing, CancellationToken cancellationToken)
    {
        var firstSentAt = outgoing.FirstSentAt ?? Now();
        int? status = null;
        using var request = SignedRequest(outgoing.Url, outgoing.SignatureKey, outgoing.ApiVersion, outgoing.Body, firstSentAt, outgoing.Attempt - 1);
        var signature = request.Headers.GetValues("x-square-hmacsha256-signature").Single();
        try
        {
            using var response = await WebhookHttpClient.SendAsync(request, cancellationToken);
            status = (int)response.StatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            // No answer: recorded with a null status and retried.
        }

        lock (_deliveries)
        {
            _deliveries.Add(new SquareWebhookDelivery(outgoing.EventId, outgoing.Type, outgoing.MerchantId, outgoing.SubscriptionId,
                outgoing.Url, outgoing.Body, signature, outgoing.Attempt, status, Now()));
        }

        if (status is >= 200 and < 300 || outgoing.Attempt >= MaxDeliveryAttempts)
        {
            return true;
        }

        var retry = outgoing with { Attempt = outgoing.Attempt + 1, FirstSentAt = firstSentAt, DueAt = DateTimeOffset.MinValue };
        _ = Task.Delay(RetryBackoff * Math.Pow(2, outgoing.Attempt - 1), cancellationToken)
            .ContinueWith(_ => _outbox.Writer.TryWrite(retry), CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
        return false;
    }

    private static HttpRequestMessage SignedRequest(string url, string signatureKey, string apiVersion, string body, DateTimeOffset firstSentAt, int retry)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("x-square-hmacsha256-signature", ComputeSignature(signatureKey, url, body));
        request.Headers.TryAddWithoutValidation("x-square-signature", ComputeLegacySignature(signatureKey, url, body));
        request.Headers.TryAddWithoutValidation("square-environment", "Sandbox");
        request.Headers.TryAddWithoutValidation("square-version", apiVersion);
        request.Headers.TryAddWithoutValidation("square-initial-delivery-timestamp", Rfc3339(firstSentAt));
        request.Headers.TryAddWithoutValidation("User-Agent", "Square Connect v2");
        if (retry > 0)
        {
            request.Headers.TryAddWithoutValidation("square-retry-number", retry.ToString(System.Globalization.CultureInfo.InvariantCulture));
            request.Headers.TryAddWithoutValidation("square-retry-reason", "http_error");
        }

        return request;
    }

    /// <summary>Runs <paramref name="action"/> after <paramref name="delay"/> on the simulator's clock (fees, refund completion).</summary>
    private void Schedule(TimeSpan delay, Action action)
    {
        // The slot roots the timer until it fires: an unreferenced timer may be collected before it does.
        var slot = new TimerSlot();
        lock (_timers)
        {
            _timers.Add(slot);
        }

        slot.Timer = Clock.CreateTimer(
            _ =>
            {
                lock (_timers)
                {
                    _timers.Remove(slot);
                }

                action();
            },
            null,
            delay,
            Timeout.InfiniteTimeSpan);
    }

    private sealed class TimerSlot
    {
        public ITimer? Timer { get; set; }
    }

    private void ResetDeliveries()
    {
        DeliveryDelay = TimeSpan.Zero;
        DuplicateDeliveries = false;
        DeliveriesPaused = false;
        Volatile.Write(ref _reorderDeliveries, 0);
        ReorderBatchSize = 2;
        MaxDeliveryAttempts = 4;
        RetryBackoff = TimeSpan.FromMilliseconds(100);
        lock (_held)
        {
            Interlocked.Add(ref _pendingDeliveries, -_held.Count);
            _held.Clear();
        }

        while (_outbox.Reader.TryRead(out _))
        {
            Interlocked.Decrement(ref _pendingDeliveries);
        }

        lock (_deliveries)
        {
            _deliveries.Clear();
        }
    }

    /// <summary>Stops the delivery worker and pending timers (the server does this when it stops).</summary>
    public async Task StopDeliveriesAsync()
    {
        await _stopping.CancelAsync();
        _outbox.Writer.TryComplete();
        lock (_timers)
        {
            foreach (var slot in _timers)
            {
                slot.Timer?.Dispose();
            }
        }

        if (_deliveryWorker is { } worker)
        {
            await worker;
        }
    }

    private static readonly Lazy<HttpClient> SharedWebhookClient = new(() => new HttpClient { Timeout = TimeSpan.FromSeconds(10) });
}
