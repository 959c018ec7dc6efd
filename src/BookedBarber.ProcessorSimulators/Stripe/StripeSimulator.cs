using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace BookedBarber.ProcessorSimulators.Stripe;

/// <summary>
/// The subset of Stripe's v1 API that Stripe.net calls for hybrid payments: PaymentIntents (create, confirm,
/// retrieve, list, search), refunds and connected-account lookup, with Stripe's auth, error envelope and
/// idempotency. Operator switches (<see cref="Latency"/>, <see cref="ErrorRate"/>, <see cref="Outage"/>) simulate
/// a slow or failing processor; the counters and <see cref="PaymentIntents"/> let tests assert what was charged.
/// </summary>
public sealed partial class StripeSimulator(TimeProvider clock)
{
    private readonly Lock _gate = new();
    private readonly StripeIdempotency _idempotency = new(clock);
    private readonly List<StripePaymentIntentState> _intents = [];
    private readonly List<StripeRefundRecord> _refunds = [];
    private readonly Dictionary<string, StripeAccountSetup?> _accounts = new(StringComparer.Ordinal);
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

    /// <summary>Any <c>acct_…</c> id is a connected, enabled account unless configured here.</summary>
    public void SetAccount(string id, StripeAccountSetup setup)
    {
        lock (_gate)
        {
            _accounts[id] = setup;
        }
    }

    /// <summary>The platform loses access to the account (as after an OAuth deauthorization).</summary>
    public void DisconnectAccount(string id)
    {
        lock (_gate)
        {
            _accounts[id] = null;
        }
    }

    public void Reset()
    {
        lock (_gate)
        {
            _intents.Clear();
            _refunds.Clear();
            _accounts.Clear();
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
        v1.MapPost("/refunds", http => Serve(http, CreateRefund));
        v1.MapGet("/accounts/{id}", http => Serve(http, GetAccount));
    }

    /// <summary>One parsed request as the handlers see it.</summary>
    private sealed record Call(StripeForm Form, string ApiKey, string? StripeAccount, string? IdempotencyKey, RouteValueDictionary Route)
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

        if (stripeAccount is not null && !AccountExists(stripeAccount))
        {
            await Write(http, 403, NoAccess(apiKey!, stripeAccount).ToJsonString());
            return;
        }

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
            var call = new Call(form, apiKey!, stripeAccount, idempotencyKey, request.RouteValues);
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

    private bool AccountExists(string id) => FindAccount(id) is not null;

    private StripeAccountSetup? FindAccount(string id)
    {
        lock (_gate)
        {
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
