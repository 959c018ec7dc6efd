using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;

namespace BookedBarber.ProcessorSimulators.Stripe;

/// <summary>
/// Background delivery of signed events, one POST at a time, with the operator switches that make delivery late,
/// doubled, reordered or held, and retries with backoff on anything but 2xx. Keeps every attempt for tests.
/// </summary>
internal sealed class StripeWebhookOutbox(TimeProvider clock)
{
    /// <summary>When reordering, deliveries wait at least this long so events of one change can be sent newest first.</summary>
    private static readonly TimeSpan ReorderHold = TimeSpan.FromMilliseconds(150);

    private readonly Lock _gate = new();
    private readonly List<Pending> _pending = [];
    private readonly List<StripeWebhookDelivery> _deliveries = [];
    private readonly SemaphoreSlim _wake = new(0);
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly CancellationTokenSource _stop = new();
    private Task? _pump;
    private int _inFlight;
    private long _seq;

    public TimeSpan DeliveryDelay { get; set; }

    public bool DuplicateDeliveries { get; set; }

    public bool ReorderDeliveries { get; set; }

    public TimeSpan RetryBackoff { get; set; } = TimeSpan.FromMilliseconds(200);

    public int MaxAttempts { get; set; } = 4;

    public bool Paused
    {
        get { lock (_gate) { return _paused; } }
        set
        {
            lock (_gate) { _paused = value; }
            Signal();
        }
    }

    private bool _paused;

    public IReadOnlyList<StripeWebhookDelivery> Deliveries
    {
        get { lock (_gate) { return _deliveries.ToList(); } }
    }

    public int PendingCount
    {
        get { lock (_gate) { return _pending.Count + _inFlight; } }
    }

    /// <summary>Stripe's v1 scheme: hex HMAC-SHA256 with the whole <c>whsec_…</c> secret over "{t}.{payload}".</summary>
    public static string Sign(string secret, string payload, long timestamp)
    {
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{payload}"));
        return $"t={timestamp},v1={Convert.ToHexStringLower(mac)}";
    }

    public void Enqueue(string eventId, string eventType, string endpointId, string url, string secret, string payload)
    {
        lock (_gate)
        {
            var hold = ReorderDeliveries && DeliveryDelay < ReorderHold ? ReorderHold : DeliveryDelay;
            var due = Stopwatch.GetTimestamp() + (long)(hold.TotalSeconds * Stopwatch.Frequency);
            for (var copy = 0; copy < (DuplicateDeliveries ? 2 : 1); copy++)
            {
                _pending.Add(new Pending(eventId, eventType, endpointId, url, secret, payload, 1, due, _seq++));
            }

            _pump ??= Task.Run(() => RunAsync(_stop.Token));
        }

        Signal();
    }

    /// <summary>Waits until nothing is pending or in flight (retries included) and returns every attempt so far.</summary>
    public async Task<IReadOnlyList<StripeWebhookDelivery>> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (PendingCount > 0)
        {
            if (Stopwatch.GetTimestamp() > deadline)
            {
                throw new TimeoutException($"{PendingCount} Stripe webhook deliveries still pending after {timeout} (paused: {Paused}).");
            }

            await Task.Delay(15, cancellationToken);
        }

        return Deliveries;
    }

    public void Reset()
    {
        lock (_gate)
        {
            _pending.Clear();
            _deliveries.Clear();
            _paused = false;
            DeliveryDelay = TimeSpan.Zero;
            DuplicateDeliveries = false;
            ReorderDeliveries = false;
            RetryBackoff = TimeSpan.FromMilliseconds(200);
            MaxAttempts = 4;
        }
    }

    public void Stop()
    {
        _stop.Cancel();
        Signal();
    }

    private void Signal()
    {
        if (_wake.CurrentCount == 0)
        {
            _wake.Release();
        }
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            Pending? next = null;
            var wait = Timeout.InfiniteTimeSpan;
            lock (_gate)
            {
                if (!_paused && _pending.Count > 0)
                {
                    var now = Stopwatch.GetTimestamp();
                    var due = _pending.Where(p => p.Due <= now).ToList();
                    if (due.Count > 0)
                    {
                        // Reordering sends the newest due delivery first; otherwise the oldest.
                        next = ReorderDeliveries ? due.MaxBy(p => p.Seq) : due.MinBy(p => p.Seq);
                        _pending.Remove(next!);
                        _inFlight++;
                    }
                    else
                    {
                        wait = TimeSpan.FromSeconds((double)(_pending.Min(p => p.Due) - now) / Stopwatch.Frequency) + TimeSpan.FromMilliseconds(1);
                    }
                }
            }

            if (next is null)
            {
                try
                {
                    await _wake.WaitAsync(wait, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                continue;
            }

            await SendAsync(next, cancellationToken);
        }
    }

    private async Task SendAsync(Pending item, CancellationToken cancellationToken)
    {
        var sentAt = clock.GetUtcNow();
        var signature = Sign(item.Secret, item.Payload, sentAt.ToUnixTimeSeconds());
        int? status = null;
        string? error = null;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, item.Url)
            {
                Content = new StringContent(item.Payload, Encoding.UTF8, "application/json"),
            };
            request.Headers.TryAddWithoutValidation("Stripe-Signature", signature);
            request.Headers.TryAddWithoutValidation("User-Agent", "Stripe/1.0 (+https://stripe.com/docs/webhooks)");
            using var response = await _http.SendAsync(request, cancellationToken);
            status = (int)response.StatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            error = e.Message;
        }
        catch (OperationCanceledException)
        {
            error = "simulator stopping";
        }

        lock (_gate)
        {
            _inFlight--;
            _deliveries.Add(new StripeWebhookDelivery(
                item.EventId, item.EventType, item.EndpointId, item.Url, item.Attempt, status, error, sentAt, item.Payload, signature));
            if (status is not (>= 200 and < 300) && item.Attempt < MaxAttempts && !cancellationToken.IsCancellationRequested)
            {
                var backoff = RetryBackoff * Math.Pow(2, item.Attempt - 1);
                _pending.Add(item with
                {
                    Attempt = item.Attempt + 1,
                    Due = Stopwatch.GetTimestamp() + (long)(backoff.TotalSeconds * Stopwatch.Frequency),
                    Seq = _seq++,
                });
            }
        }
    }

    private sealed record Pending(
        string EventId, string EventType, string EndpointId, string Url, string Secret, string Payload, int Attempt, long Due, long Seq);
}
