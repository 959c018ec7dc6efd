using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace BookedBarber.ProcessorSimulators.Stripe;

// Webhook endpoints, events, and their signed background delivery.
public sealed partial class StripeSimulator
{
    /// <summary>
    /// The API version events are rendered in when neither the endpoint nor the request names one: the version
    /// Stripe.net 53 pins (StripeConfiguration.ApiVersion), which EventUtility.ConstructEvent insists on by default.
    /// </summary>
    public const string ApiVersion = "2026-10-28.endive";

    /// <summary>The event types the simulator emits; endpoints may subscribe to these or "*".</summary>
    public static readonly IReadOnlyList<string> EventTypes =
    [
        "account.updated",
        "charge.dispute.created",
        "charge.failed",
        "charge.refunded",
        "charge.succeeded",
        "payment_intent.created",
        "payment_intent.payment_failed",
        "payment_intent.succeeded",
        "payment_method.attached",
        "refund.created",
    ];

    private readonly List<StripeEventState> _events = [];
    private readonly List<StripeWebhookEndpointState> _endpoints = [];

    /// <summary>Every delivery waits this long before its first attempt.</summary>
    public TimeSpan DeliveryDelay
    {
        get => _outbox.DeliveryDelay;
        set => _outbox.DeliveryDelay = value;
    }

    /// <summary>Each event is delivered twice to each endpoint (same event id), as Stripe may.</summary>
    public bool DuplicateDeliveries
    {
        get => _outbox.DuplicateDeliveries;
        set => _outbox.DuplicateDeliveries = value;
    }

    /// <summary>Due deliveries go newest first, so e.g. payment_intent.succeeded arrives before charge.succeeded.</summary>
    public bool ReorderDeliveries
    {
        get => _outbox.ReorderDeliveries;
        set => _outbox.ReorderDeliveries = value;
    }

    /// <summary>Deliveries queue up and wait until this is set back to false.</summary>
    public bool DeliveriesPaused
    {
        get => _outbox.Paused;
        set => _outbox.Paused = value;
    }

    /// <summary>Wait before the second attempt after a non-2xx answer; it doubles for each later attempt.</summary>
    public TimeSpan DeliveryRetryBackoff
    {
        get => _outbox.RetryBackoff;
        set => _outbox.RetryBackoff = value;
    }

    /// <summary>Attempts per delivery (first included) before the simulator gives up.</summary>
    public int MaxDeliveryAttempts
    {
        get => _outbox.MaxAttempts;
        set => _outbox.MaxAttempts = Math.Max(1, value);
    }

    /// <summary>Every delivery attempt so far, in the order they were made.</summary>
    public IReadOnlyList<StripeWebhookDelivery> WebhookDeliveries => _outbox.Deliveries;

    public IReadOnlyList<StripeWebhookEndpointRecord> WebhookEndpoints
    {
        get
        {
            lock (_gate)
            {
                return _endpoints.Select(e => e.ToRecord()).ToList();
            }
        }
    }

    public IReadOnlyList<StripeEventRecord> Events
    {
        get
        {
            lock (_gate)
            {
                return _events.Select(e => e.ToRecord()).ToList();
            }
        }
    }

    /// <summary>Waits until every queued delivery (retries included) has been made; throws TimeoutException otherwise.</summary>
    public Task<IReadOnlyList<StripeWebhookDelivery>> WaitForWebhookDeliveriesAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        _outbox.WaitAsync(timeout ?? TimeSpan.FromSeconds(10), cancellationToken);

    /// <summary>The Stripe-Signature header value for a payload, e.g. to forge or replay one in a test.</summary>
    public static string ComputeSignature(string secret, string payload, DateTimeOffset timestamp) =>
        StripeWebhookOutbox.Sign(secret, payload, timestamp.ToUnixTimeSeconds());

    /// <summary>An event's JSON as it would be delivered to the endpoint (its api_version), to re-send by hand.</summary>
    public string EventPayload(string eventId, string? apiVersion = null)
    {
        lock (_gate)
        {
            var evt = _events.First(e => e.Id == eventId);
            return StripeJson.Event(evt, apiVersion ?? ApiVersion).ToJsonString();
        }
    }

    /// <summary>Records an event on the account (null = platform) and queues it for every endpoint that wants it. Call under the lock.</summary>
    private void Emit(string? account, string type, JsonObject data, JsonObject? previousAttributes = null)
    {
        var connect = IsConnectAccount(account);
        var evt = new StripeEventState(
            StripeJson.NewId("evt"), ++_seq, account, connect, type, Clock.GetUtcNow(), (JsonObject)data.DeepClone(), previousAttributes);
        _events.Add(evt);

        // A Connect account's events also go to the platform's endpoints created with connect=true.
        var targets = _endpoints.Where(e => e.Wants(type) && (e.Account == account || (connect && e.Account is null && e.Connect))).ToList();
        evt.PendingWebhooks = targets.Count;
        foreach (var endpoint in targets)
        {
            _outbox.Enqueue(evt.Id, type, endpoint.Id, endpoint.Url, endpoint.Secret, StripeJson.Event(evt, endpoint.ApiVersion).ToJsonString());
        }
    }

    private Reply CreateWebhookEndpoint(Call call)
    {
        var form = call.Form;
        if (form["url"] is not { Length: > 0 } url)
        {
            return Invalid("parameter_missing", "url", "Missing required param: url.");
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            return Invalid("url_invalid", "url", "Invalid URL: URL must be publicly accessible and use http or https.");
        }

        var events = form.List("enabled_events");
        if (events.Count == 0)
        {
            return Invalid("parameter_missing", "enabled_events", "Missing required param: enabled_events.");
        }

        if (InvalidEvents(events) is { } invalid)
        {
            return invalid;
        }

        var endpoint = new StripeWebhookEndpointState
        {
            Id = StripeJson.NewId("we"),
            Account = call.StripeAccount,
            Secret = "whsec_" + RandomNumberGenerator.GetString("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz", 32),
            ApiVersion = form["api_version"] ?? call.StripeVersion ?? ApiVersion,
            Created = Clock.GetUtcNow(),
            Connect = form.Bool("connect") && !call.OwnKey,
            Url = url,
            EnabledEvents = events,
            Description = form["description"],
        };
        lock (_gate)
        {
            _endpoints.Add(endpoint);
        }

        return new Reply(200, StripeJson.WebhookEndpoint(endpoint, withSecret: true));
    }

    private Reply UpdateWebhookEndpoint(Call call)
    {
        lock (_gate)
        {
            if (FindEndpoint(call) is not { } endpoint)
            {
                return NoSuch("webhook_endpoint", call.Id);
            }

            var events = call.Form.List("enabled_events");
            if (events.Count > 0 && InvalidEvents(events) is { } invalid)
            {
                return invalid;
            }

            if (call.Form["url"] is { Length: > 0 } url)
            {
                endpoint.Url = url;
            }

            if (events.Count > 0)
            {
                endpoint.EnabledEvents = events;
            }

            if (call.Form["disabled"] is not null)
            {
                endpoint.Disabled = call.Form.Bool("disabled");
            }

            endpoint.Description = call.Form["description"] ?? endpoint.Description;
            return new Reply(200, StripeJson.WebhookEndpoint(endpoint, withSecret: false));
        }
    }

    private Reply GetWebhookEndpoint(Call call)
    {
        lock (_gate)
        {
            return FindEndpoint(call) is { } endpoint
                ? new Reply(200, StripeJson.WebhookEndpoint(endpoint, withSecret: false))
                : NoSuch("webhook_endpoint", call.Id);
        }
    }

    private Reply ListWebhookEndpoints(Call call)
    {
        lock (_gate)
        {
            var owned = _endpoints.Where(e => e.Account == call.StripeAccount).Reverse().ToList();
            return Page(call, "/v1/webhook_endpoints", owned, e => e.Id, e => e.Created, e => StripeJson.WebhookEndpoint(e, withSecret: false));
        }
    }

    private Reply DeleteWebhookEndpoint(Call call)
    {
        lock (_gate)
        {
            if (FindEndpoint(call) is not { } endpoint)
            {
                return NoSuch("webhook_endpoint", call.Id);
            }

            _endpoints.Remove(endpoint);
            return new Reply(200, StripeJson.Deleted(endpoint.Id, "webhook_endpoint"));
        }
    }

    private Reply GetEvent(Call call)
    {
        lock (_gate)
        {
            return _events.FirstOrDefault(e => e.Id == call.Id && e.Account == call.StripeAccount) is { } evt
                ? new Reply(200, StripeJson.Event(evt, call.StripeVersion ?? ApiVersion))
                : NoSuch("event", call.Id);
        }
    }

    private Reply ListEvents(Call call)
    {
        var type = call.Form["type"];
        lock (_gate)
        {
            var owned = _events
                .Where(e => e.Account == call.StripeAccount && (type is null || e.Type == type
                    || (type.EndsWith(".*", StringComparison.Ordinal) && e.Type.StartsWith(type[..^1], StringComparison.Ordinal))))
                .OrderByDescending(e => e.Seq)
                .ToList();
            return Page(call, "/v1/events", owned, e => e.Id, e => e.Created, e => StripeJson.Event(e, call.StripeVersion ?? ApiVersion));
        }
    }

    private StripeWebhookEndpointState? FindEndpoint(Call call) =>
        _endpoints.FirstOrDefault(e => e.Id == call.Id && e.Account == call.StripeAccount);

    private static Reply? InvalidEvents(List<string> events)
    {
        for (var i = 0; i < events.Count; i++)
        {
            if (events[i] != "*" && !EventTypes.Contains(events[i]))
            {
                return Invalid(null, $"enabled_events[{i}]",
                    $"Invalid enabled_events[{i}]: must be one of *, {string.Join(", ", EventTypes)}");
            }
        }

        return null;
    }

    private void ResetWebhooks()
    {
        _events.Clear();
        _endpoints.Clear();
    }
}
