using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace BookedBarber.ProcessorSimulators.Stripe;

/// <summary>
/// The subset of Stripe's v1 API that Stripe.net calls for hybrid payments and for barbers' own accounts:
/// PaymentIntents (create, confirm, retrieve, list, search), charges and balance transactions (list with created
/// ranges and expand), refunds, disputes, customers and saved cards, accounts (Connect and standalone), webhook
/// endpoints with signed background delivery of events, with Stripe's auth, error envelope and idempotency.
/// Operator switches (<see cref="Latency"/>, <see cref="ErrorRate"/>, <see cref="Outage"/>, the delivery switches)
/// simulate a slow or failing processor; the counters and records let tests assert what happened.
/// Split by concern: Accounts, Handlers (payment intents, refunds), Charges, Debits (account debits, charge search,
/// balances), Customers, Webhooks, Control (/_simulator/stripe).
/// </summary>
public sealed partial class StripeSimulator(TimeProvider clock)
{
    /// <summary>The platform's secret key; <see cref="AddPlatformKey"/> adds others. Any other key is refused (401).</summary>
    public const string PlatformKey = "sk_test_simulator_platform";

    private readonly Lock _gate = new();
    private readonly StripeIdempotency _idempotency = new(clock);
    private readonly StripeWebhookOutbox _outbox = new(clock);
    private readonly List<StripePaymentIntentState> _intents = [];
    private readonly List<StripeRefundRecord> _refunds = [];
    private readonly Dictionary<string, StripeAccountSetup?> _accounts = new(StringComparer.Ordinal);
    private readonly HashSet<string> _platformKeys = new(StringComparer.Ordinal) { PlatformKey };
    private readonly Dictionary<string, string> _ownKeys = new(StringComparer.Ordinal);
    private readonly HashSet<string> _rolledKeys = new(StringComparer.Ordinal);
    private readonly Dictionary<string, StripeAccountSetup> _standalone = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _accountCreated = new(StringComparer.Ordinal);
    private long _seq;
    private long _latencyTicks;
    private double _errorRate;
    private volatile bool _outage;
    private int _requests;
    private int _succeededCharges;
    private int _declinedCharges;

    public TimeProvider Clock { get; } = clock;

    /// <summary>Added to every request while the request holds its idempotency key, so concurrent retries collide.</summary>
    public TimeSpan Latency
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _latencyTicks));
        set => Interlocked.Exchange(ref _latencyTicks, value.Ticks);
    }

    /// <summary>Fraction (0..1) of authenticated requests answered 500 api_error; the 500 is saved under the idempotency key like Stripe does.</summary>
    public double ErrorRate
    {
        get => Volatile.Read(ref _errorRate);
        set => Volatile.Write(ref _errorRate, Math.Clamp(value, 0, 1));
    }

    /// <summary>Every request is answered 503 before it reaches the idempotency layer (nothing saved, nothing charged).</summary>
    public bool Outage
    {
        get => _outage;
        set => _outage = value;
    }

    public int Requests => Volatile.Read(ref _requests);

    public int SucceededCharges => Volatile.Read(ref _succeededCharges);

    public int DeclinedCharges => Volatile.Read(ref _declinedCharges);

    public IReadOnlyList<StripePaymentIntentRecord> PaymentIntents
    {
        get
        {
            lock (_gate)
            {
                return _intents.Select(pi => pi.ToRecord()).ToList();
            }
        }
    }

    public IReadOnlyList<StripeRefundRecord> Refunds
    {
        get
        {
            lock (_gate)
            {
                return _refunds.ToList();
            }
        }
    }

    /// <summary>Forgets every object, account, key (but the platform keys), endpoint and event, and resets the switches.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _intents.Clear();
            _refunds.Clear();
            _accounts.Clear();
            _ownKeys.Clear();
            _rolledKeys.Clear();
            _standalone.Clear();
            _accountCreated.Clear();
            ResetObjects();
            ResetBalances();
            _outbox.Reset();
            _idempotency.Clear();
            Latency = TimeSpan.Zero;
            ErrorRate = 0;
            Outage = false;
            Interlocked.Exchange(ref _requests, 0);
            Interlocked.Exchange(ref _succeededCharges, 0);
            Interlocked.Exchange(ref _declinedCharges, 0);
        }
    }

    public void Map(WebApplication app)
    {
        var v1 = app.MapGroup("/v1");
        v1.MapPost("/payment_intents", http => Serve(http, CreatePaymentIntent));
        v1.MapGet("/payment_intents", http => Serve(http, ListPaymentIntents));
        v1.MapGet("/payment_intents/search", http => Serve(http, SearchPaymentIntents));
        v1.MapGet("/payment_intents/{id}", http => Serve(http, GetPaymentIntent));
        v1.MapPost("/payment_intents/{id}/confirm", http => Serve(http, ConfirmPaymentIntent));
        v1.MapPost("/charges", http => Serve(http, CreateCharge));
        v1.MapGet("/charges", http => Serve(http, ListCharges));
        v1.MapGet("/charges/search", http => Serve(http, SearchCharges));
        v1.MapGet("/balance", http => Serve(http, GetBalance));
        v1.MapGet("/charges/{id}", http => Serve(http, GetCharge));
        v1.MapGet("/balance_transactions/{id}", http => Serve(http, GetBalanceTransaction));
        v1.MapPost("/refunds", http => Serve(http, CreateRefund));
        v1.MapGet("/account", http => Serve(http, GetOwnAccount));
        v1.MapGet("/accounts/{id}", http => Serve(http, GetAccount));
        v1.MapPost("/customers", http => Serve(http, CreateCustomer));
        v1.MapGet("/customers/{id}", http => Serve(http, GetCustomer));
        v1.MapGet("/customers/{id}/payment_methods", http => Serve(http, ListCustomerPaymentMethods));
        v1.MapGet("/payment_methods/{id}", http => Serve(http, GetPaymentMethod));
        v1.MapPost("/payment_methods/{id}/attach", http => Serve(http, AttachPaymentMethod));
        v1.MapPost("/payment_methods/{id}/detach", http => Serve(http, DetachPaymentMethod));
        v1.MapPost("/webhook_endpoints", http => Serve(http, CreateWebhookEndpoint));
        v1.MapGet("/webhook_endpoints", http => Serve(http, ListWebhookEndpoints));
        v1.MapGet("/webhook_endpoints/{id}", http => Serve(http, GetWebhookEndpoint));
        v1.MapPost("/webhook_endpoints/{id}", http => Serve(http, UpdateWebhookEndpoint));
        v1.MapDelete("/webhook_endpoints/{id}", http => Serve(http, DeleteWebhookEndpoint));
        v1.MapGet("/events", http => Serve(http, ListEvents));
        v1.MapGet("/events/{id}", http => Serve(http, GetEvent));
        MapControl(app);
        app.Lifetime.ApplicationStopping.Register(_outbox.Stop);
    }

    /// <summary>
    /// One parsed request as the handlers see it. <paramref name="StripeAccount"/> is the account the call acts on:
    /// the Stripe-Account header, or the standalone account whose own key was used (<paramref name="OwnKey"/>), or null
    /// for the platform.
    /// </summary>
    private sealed record Call(
        StripeForm Form, string ApiKey, string? StripeAccount, string? IdempotencyKey, RouteValueDictionary Route, bool OwnKey, string? StripeVersion)
    {
        public string Id => (string)Route["id"]!;
    }

    /// <summary><paramref name="Saved"/> false for answers Stripe gives before the endpoint runs (validation), which keep the key free.</summary>
    private sealed record Reply(int Status, JsonObject Body, bool Saved = true);

    private async Task Serve(HttpContext http, Func<Call, Reply> handler)
    {
        Interlocked.Increment(ref _requests);
        var request = http.Request;
        var (apiKey, authError) = Authenticate(request);
        string? ownAccount = null;
        if (authError is null)
        {
            (ownAccount, authError) = Recognize(apiKey!);
        }

        if (authError is not null)
        {
            await Write(http, 401, authError.ToJsonString());
            return;
        }

        if (Outage)
        {
            await Write(http, 503, StripeJson.Error("api_error", "Stripe is temporarily unavailable (simulated outage).").ToJsonString());
            return;
        }

        var isPost = HttpMethods.IsPost(request.Method);
        var form = isPost
            ? StripeForm.Parse(await new StreamReader(request.Body, Encoding.UTF8).ReadToEndAsync(http.RequestAborted))
            : StripeForm.FromQuery(request.Query);
        var stripeAccount = NullIfEmpty(request.Headers["Stripe-Account"].ToString());
        var idempotencyKey = isPost ? NullIfEmpty(request.Headers["Idempotency-Key"].ToString()) : null;

        // Only the platform reaches other accounts with Stripe-Account; a barber's own key acts on its own account.
        if (stripeAccount is not null && (ownAccount is not null || !AccountExists(stripeAccount)))
        {
            await Write(http, 403, NoAccess(apiKey!, stripeAccount).ToJsonString());
            return;
        }

        stripeAccount ??= ownAccount;

        string? scope = null;
        if (idempotencyKey is not null)
        {
            scope = $"{apiKey}|{stripeAccount}|{idempotencyKey}";
            var (outcome, stored) = _idempotency.Begin(scope, $"{request.Method} {request.Path}?{form.Fingerprint()}");
            switch (outcome)
            {
                case StripeIdempotencyOutcome.Replay:
                    await Delay();
                    http.Response.Headers["Idempotent-Replayed"] = "true";
                    await Write(http, stored!.Status, stored.Body, idempotencyKey);
                    return;
                case StripeIdempotencyOutcome.Mismatch:
                    await Write(http, 400, StripeJson.Error("idempotency_error",
                        "Keys for idempotent requests can only be used with the same parameters they were first used with. "
                        + $"Try using a key other than '{idempotencyKey}' if you meant to execute a different request.").ToJsonString(), idempotencyKey);
                    return;
                case StripeIdempotencyOutcome.InFlight:
                    await Write(http, 409, StripeJson.Error("idempotency_error",
                        "There is currently another in-progress request using this Idempotent Key (that probably means you submitted "
                        + "twice, and the other request is still going through). Please try again later.",
                        code: "idempotency_key_in_use").ToJsonString(), idempotencyKey);
                    return;
            }
        }

        Reply reply;
        try
        {
            await Delay();
            var call = new Call(form, apiKey!, stripeAccount, idempotencyKey, request.RouteValues, ownAccount is not null,
                NullIfEmpty(request.Headers["Stripe-Version"].ToString()));
            reply = Random.Shared.NextDouble() < ErrorRate
                ? new Reply(500, StripeJson.Error("api_error", "An unknown error occurred (simulated)."))
                : handler(call);
        }
        catch
        {
            if (scope is not null)
            {
                _idempotency.Release(scope);
            }

            throw;
        }

        var body = reply.Body.ToJsonString();
        if (scope is not null)
        {
            if (reply.Saved)
            {
                _idempotency.Complete(scope, new StripeStoredResponse(reply.Status, body));
            }
            else
            {
                _idempotency.Release(scope);
            }
        }

        await Write(http, reply.Status, body, idempotencyKey);
    }

    private Task Delay()
    {
        var latency = Latency;
        return latency > TimeSpan.Zero ? Task.Delay(latency) : Task.CompletedTask;
    }

    private static async Task Write(HttpContext http, int status, string body, string? idempotencyKey = null)
    {
        var response = http.Response;
        response.StatusCode = status;
        response.ContentType = "application/json";
        response.Headers["Request-Id"] = StripeJson.NewId("req");
        if (idempotencyKey is not null)
        {
            response.Headers["Idempotency-Key"] = idempotencyKey;
        }

        // A saved 500 would only be replayed, so Stripe tells its clients not to retry it.
        if (status == 500)
        {
            response.Headers["Stripe-Should-Retry"] = "false";
        }

        await response.WriteAsync(body, http.RequestAborted);
    }

    private static (string? ApiKey, JsonObject? Error) Authenticate(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        string? key = null;
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            key = header["Bearer ".Length..].Trim();
        }
        else if (header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                key = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..].Trim())).Split(':')[0];
            }
            catch (FormatException)
            {
                key = header;
            }
        }

        if (string.IsNullOrEmpty(key))
        {
            return (null, StripeJson.Error("invalid_request_error",
                "You did not provide an API key. You need to provide your API key in the Authorization header, "
                + "using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY')."));
        }

        if (!key.StartsWith("sk_test_", StringComparison.Ordinal) && !key.StartsWith("rk_test_", StringComparison.Ordinal))
        {
            return (null, StripeJson.Error("invalid_request_error", $"Invalid API Key provided: {Redact(key)}"));
        }

        return (key, null);
    }

    /// <summary>A platform key (account null), a standalone account's own key, or 401 as Stripe answers unknown and rolled keys.</summary>
    private (string? OwnAccount, JsonObject? Error) Recognize(string key)
    {
        lock (_gate)
        {
            if (_ownKeys.TryGetValue(key, out var account))
            {
                return (account, null);
            }

            if (_platformKeys.Contains(key))
            {
                return (null, null);
            }

            return (null, _rolledKeys.Contains(key)
                ? StripeJson.Error("invalid_request_error", $"Expired API Key provided: {Redact(key)}", code: "api_key_expired")
                : StripeJson.Error("invalid_request_error", $"Invalid API Key provided: {Redact(key)}"));
        }
    }

    private bool AccountExists(string id) => FindAccount(id) is not null;

    private StripeAccountSetup? FindAccount(string id)
    {
        lock (_gate)
        {
            if (_standalone.ContainsKey(id))
            {
                return null; // a barber's own account: the platform has no Connect access to it
            }

            return _accounts.TryGetValue(id, out var setup)
                ? setup
                : id.StartsWith("acct_", StringComparison.Ordinal) ? new StripeAccountSetup() : null;
        }
    }

    private static JsonObject NoAccess(string apiKey, string account) => StripeJson.Error("invalid_request_error",
        $"The provided key '{Redact(apiKey)}' does not have access to account '{account}' (or that account does not exist). "
        + "Application access may have been revoked.", code: "account_invalid");

    private static string Redact(string key) => key.Length <= 12 ? "****" : $"{key[..8]}****{key[^4..]}";

    private static string? NullIfEmpty(string value) => string.IsNullOrEmpty(value) ? null : value;
}
