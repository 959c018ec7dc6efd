using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace BookedBarber.ProcessorSimulators.Square;

/// <summary>
/// The subset of Square's API that our Square client calls — OAuth (ObtainToken refresh, RetrieveTokenStatus,
/// RevokeToken), Payments, Refunds, Locations and webhook subscriptions — with Square's JSON shapes, error envelope,
/// Bearer-token auth with expiry and scopes, idempotency keys, sandbox test nonces, asynchronous processing fees,
/// an eventually consistent ListPayments, signed webhook deliveries of what happens on each seller, and operator
/// fault switches. All public members are thread-safe. Split by concern into partial files.
/// </summary>
public sealed partial class SquareSimulator(TimeProvider clock)
{
    /// <summary>Succeeds (VISA ending 1111).</summary>
    public const string NonceOk = "cnon:card-nonce-ok";

    /// <summary>Declined: 400, PAYMENT_METHOD_ERROR / CARD_DECLINED, payment FAILED.</summary>
    public const string NonceDeclined = "cnon:card-nonce-declined";

    /// <summary>Declined: 400, PAYMENT_METHOD_ERROR / INSUFFICIENT_FUNDS, payment FAILED.</summary>
    public const string NonceInsufficientFunds = "cnon:card-nonce-insufficient-funds";

    /// <summary>Processor failure: 500, API_ERROR / INTERNAL_SERVER_ERROR, nothing charged, key not consumed.</summary>
    public const string NonceProcessingError = "cnon:card-nonce-processing-error";

    public const int MaxIdempotencyKeyLength = 45;
    public const int MaxPageSize = 100;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, SimMerchant> _merchantsById = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SimToken> _tokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SimMerchant> _merchantsByRefreshToken = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SimLocation> _locationsById = new(StringComparer.Ordinal);
    private readonly List<SimPayment> _payments = [];
    private readonly Dictionary<string, SimPayment> _paymentsById = new(StringComparer.Ordinal);
    private readonly List<SimRefund> _refunds = [];
    private readonly Dictionary<string, SimRefund> _refundsById = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SimSubscription> _subscriptionsById = new(StringComparer.Ordinal);
    private readonly Dictionary<(string MerchantId, string Operation, string Key), SimIdempotencyRecord> _idempotency = [];
    private long _sequence;
    private long _latencyTicks;
    private long _errorRateBits;
    private long _feeDelayTicks = -1;
    private long _listDelayTicks;
    private long _refundDelayTicks;
    private int _outage;
    private int _completed;
    private int _declined;
    private int _requests;

    public TimeProvider Clock { get; } = clock;

    /// <summary>Delay added to every /v2 and /oauth2 request before it is handled.</summary>
    public TimeSpan Latency
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _latencyTicks));
        set => Interlocked.Exchange(ref _latencyTicks, Math.Max(0, value.Ticks));
    }

    /// <summary>Fraction (0..1) of /v2 and /oauth2 requests answered 500 INTERNAL_SERVER_ERROR before they are handled.</summary>
    public double ErrorRate
    {
        get => BitConverter.Int64BitsToDouble(Interlocked.Read(ref _errorRateBits));
        set => Interlocked.Exchange(ref _errorRateBits, BitConverter.DoubleToInt64Bits(Math.Clamp(value, 0, 1)));
    }

    /// <summary>While true every /v2 and /oauth2 request is answered 503 SERVICE_UNAVAILABLE.</summary>
    public bool Outage
    {
        get => Volatile.Read(ref _outage) == 1;
        set => Volatile.Write(ref _outage, value ? 1 : 0);
    }

    /// <summary>
    /// When set, a completed payment gets its INITIAL processing fee once it is this old (a payment.updated event
    /// follows). When null (the default) fees appear only through <see cref="SettleFees(string?)"/>.
    /// </summary>
    public TimeSpan? FeeDelay
    {
        get { var t = Interlocked.Read(ref _feeDelayTicks); return t < 0 ? null : TimeSpan.FromTicks(t); }
        set => Interlocked.Exchange(ref _feeDelayTicks, value is { } v ? Math.Max(0, v.Ticks) : -1);
    }

    /// <summary>
    /// Square's ListPayments is eventually consistent: a new payment is missing from ListPayments for this long
    /// (GetPayment finds it at once). Zero by default.
    /// </summary>
    public TimeSpan ListVisibilityDelay
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _listDelayTicks));
        set => Interlocked.Exchange(ref _listDelayTicks, Math.Max(0, value.Ticks));
    }

    /// <summary>
    /// How long a refund stays PENDING before it completes on its own (default zero: it completes right after the
    /// RefundPayment answer, which still says PENDING). Null: refunds stay PENDING until <see cref="CompleteRefund"/>.
    /// </summary>
    public TimeSpan? RefundCompletionDelay
    {
        get { var t = Interlocked.Read(ref _refundDelayTicks); return t < 0 ? null : TimeSpan.FromTicks(t); }
        set => Interlocked.Exchange(ref _refundDelayTicks, value is { } v ? Math.Max(0, v.Ticks) : -1);
    }

    /// <summary>Processing fee in basis points of total_money (default 260 = 2.6 %).</summary>
    public int FeeBasisPoints { get; set; } = 260;

    /// <summary>Fixed processing fee per payment in minor units (default 10).</summary>
    public long FeeFixed { get; set; } = 10;

    public int CompletedPayments => Volatile.Read(ref _completed);

    public int DeclinedPayments => Volatile.Read(ref _declined);

    /// <summary>Every /v2 and /oauth2 request received, including those failed by a fault switch.</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>A snapshot of every payment created (completed, approved or failed), oldest first.</summary>
    public IReadOnlyList<SquareSimulatedPayment> Payments
    {
        get
        {
            lock (_gate)
            {
                return _payments.Select(p => p.ToSnapshot()).ToList();
            }
        }
    }

    /// <summary>A snapshot of every refund, oldest first.</summary>
    public IReadOnlyList<SquareSimulatedRefund> Refunds
    {
        get
        {
            lock (_gate)
            {
                return _refunds.Select(r => r.ToSnapshot()).ToList();
            }
        }
    }

    /// <summary>Clears sellers, payments, refunds, subscriptions, idempotency keys, counters and fault switches.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _merchantsById.Clear();
            _tokens.Clear();
            _merchantsByRefreshToken.Clear();
            _locationsById.Clear();
            _payments.Clear();
            _paymentsById.Clear();
            _refunds.Clear();
            _refundsById.Clear();
            _subscriptionsById.Clear();
            _idempotency.Clear();
            Interlocked.Exchange(ref _completed, 0);
            Interlocked.Exchange(ref _declined, 0);
            Interlocked.Exchange(ref _requests, 0);
        }

        Latency = TimeSpan.Zero;
        ErrorRate = 0;
        Outage = false;
        FeeDelay = null;
        ListVisibilityDelay = TimeSpan.Zero;
        RefundCompletionDelay = TimeSpan.Zero;
        FeeBasisPoints = 260;
        FeeFixed = 10;
        ResetDeliveries();
    }

    public void Map(WebApplication app)
    {
        var v2 = app.MapGroup("/v2");
        v2.AddEndpointFilter(FaultsAsync);
        v2.AddEndpointFilter(async (context, next) =>
        {
            var (token, refusal) = Authenticate(context.HttpContext);
            if (refusal is not null)
            {
                return refusal;
            }

            context.HttpContext.Items[typeof(SimMerchant)] = token!.Merchant;
            context.HttpContext.Items[typeof(SimToken)] = token;
            return await next(context);
        });

        v2.MapPost("/payments", (Delegate)CreatePaymentAsync).AddEndpointFilter(RequireScope("PAYMENTS_WRITE"));
        v2.MapGet("/payments", ListPayments).AddEndpointFilter(RequireScope("PAYMENTS_READ"));
        v2.MapGet("/payments/{paymentId}", GetPayment).AddEndpointFilter(RequireScope("PAYMENTS_READ"));
        v2.MapPost("/refunds", (Delegate)RefundPaymentAsync).AddEndpointFilter(RequireScope("PAYMENTS_WRITE"));
        v2.MapGet("/refunds", ListRefunds).AddEndpointFilter(RequireScope("PAYMENTS_READ"));
        v2.MapGet("/refunds/{refundId}", GetRefund).AddEndpointFilter(RequireScope("PAYMENTS_READ"));
        v2.MapGet("/locations", ListLocations).AddEndpointFilter(RequireScope("MERCHANT_PROFILE_READ"));
        v2.MapGet("/locations/{locationId}", RetrieveLocation).AddEndpointFilter(RequireScope("MERCHANT_PROFILE_READ"));
        v2.MapPost("/webhooks/subscriptions", (Delegate)CreateSubscriptionAsync);
        v2.MapGet("/webhooks/subscriptions", ListSubscriptions);
        v2.MapGet("/webhooks/subscriptions/{subscriptionId}", RetrieveSubscription);
        v2.MapDelete("/webhooks/subscriptions/{subscriptionId}", DeleteSubscription);

        var oauth = app.MapGroup("/oauth2");
        oauth.AddEndpointFilter(FaultsAsync);
        oauth.MapPost("/token", (Delegate)ObtainTokenAsync);
        oauth.MapPost("/token/status", RetrieveTokenStatus);
        oauth.MapPost("/revoke", (Delegate)RevokeTokenAsync);

        MapControl(app);
    }

    private async ValueTask<object?> FaultsAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        Interlocked.Increment(ref _requests);
        var latency = Latency;
        if (latency > TimeSpan.Zero)
        {
            await Task.Delay(latency, Clock, http.RequestAborted);
        }

        if (Outage)
        {
            return Error(503, "API_ERROR", "SERVICE_UNAVAILABLE", "Service Unavailable.");
        }

        var errorRate = ErrorRate;
        if (errorRate > 0 && Random.Shared.NextDouble() < errorRate)
        {
            return Error(500, "API_ERROR", "INTERNAL_SERVER_ERROR", "An internal error has occurred, and the API was unable to service your request.");
        }

        return await next(context);
    }

    /// <summary>The Bearer token of the request, or Square's 401 for a missing, unknown, expired or revoked one.</summary>
    private (SimToken? Token, IResult? Refusal) Authenticate(HttpContext http)
    {
        var authorization = http.Request.Headers.Authorization.ToString();
        if (!authorization.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            return (null, Error(401, "AUTHENTICATION_ERROR", "UNAUTHORIZED", "The `Authorization` http header of your request was malformed. The header value is expected to be of the format \"Bearer TOKEN\" (without quotation marks), where TOKEN is to be replaced with your access token (e.g. \"Bearer ABC123def456GHI789jkl0\"). For more information, see https://developer.squareup.com/docs/build-basics/access-tokens. If you are seeing this error message while using one of our officially supported SDKs, please report this to developers@squareup.com."));
        }

        lock (_gate)
        {
            if (!_tokens.TryGetValue(authorization["Bearer ".Length..].Trim(), out var token))
            {
                return (null, Error(401, "AUTHENTICATION_ERROR", "UNAUTHORIZED", "This request could not be authorized."));
            }

            if (token.Revoked || token.Merchant.AuthorizationRevoked)
            {
                return (null, Error(401, "AUTHENTICATION_ERROR", "ACCESS_TOKEN_REVOKED", "The access token has been revoked."));
            }

            if (token.ExpiresAt <= Now())
            {
                return (null, Error(401, "AUTHENTICATION_ERROR", "ACCESS_TOKEN_EXPIRED", "The access token has expired."));
            }

            return (token, null);
        }
    }

    private static Func<EndpointFilterInvocationContext, EndpointFilterDelegate, ValueTask<object?>> RequireScope(string scope) =>
        (context, next) =>
        {
            var token = (SimToken)context.HttpContext.Items[typeof(SimToken)]!;
            return token.Scopes.Contains(scope)
                ? next(context)
                : ValueTask.FromResult<object?>(Error(403, "AUTHENTICATION_ERROR", "INSUFFICIENT_SCOPES",
                    $"The merchant has not given your application sufficient permissions to do that. The developer must request the following OAuth scopes: {scope}."));
        };

    private DateTimeOffset Now() => Clock.GetUtcNow();

    internal static string Rfc3339(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static string NewId(int length)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        return RandomNumberGenerator.GetString(alphabet, length);
    }

    private static (int Status, JsonObject Body) ErrorBody(int status, string category, string code, string detail, string? field = null)
    {
        var error = new JsonObject { ["category"] = category, ["code"] = code, ["detail"] = detail };
        if (field is not null)
        {
            error["field"] = field;
        }

        return (status, new JsonObject { ["errors"] = new JsonArray(error) });
    }

    private static IResult Error(int status, string category, string code, string detail, string? field = null) =>
        Json(status, ErrorBody(status, category, code, detail, field).Body);

    private static IResult Json(int status, JsonNode body) =>
        Results.Content(body.ToJsonString(), "application/json", Encoding.UTF8, status);
}
