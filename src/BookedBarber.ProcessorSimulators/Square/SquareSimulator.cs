using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace BookedBarber.ProcessorSimulators.Square;

/// <summary>
/// The subset of Square's v2 API that our Square client calls: CreatePayment, GetPayment, ListPayments,
/// ListLocations and RetrieveLocation, with Square's JSON shapes, error envelope, Bearer-token auth,
/// idempotency keys, sandbox test nonces, asynchronous processing fees and operator fault switches.
/// All public members are thread-safe.
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
    private readonly Dictionary<string, SimMerchant> _merchantsByToken = new(StringComparer.Ordinal);
    private readonly List<SimPayment> _payments = [];
    private readonly Dictionary<string, SimPayment> _paymentsById = new(StringComparer.Ordinal);
    private readonly Dictionary<(string MerchantId, string Key), SimIdempotencyRecord> _idempotency = [];
    private long _sequence;
    private long _latencyTicks;
    private long _errorRateBits;
    private long _feeDelayTicks = -1;
    private int _outage;
    private int _completed;
    private int _declined;
    private int _requests;

    public TimeProvider Clock { get; } = clock;

    /// <summary>Delay added to every /v2 request before it is handled.</summary>
    public TimeSpan Latency
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _latencyTicks));
        set => Interlocked.Exchange(ref _latencyTicks, Math.Max(0, value.Ticks));
    }

    /// <summary>Fraction (0..1) of /v2 requests answered 500 INTERNAL_SERVER_ERROR before they are handled.</summary>
    public double ErrorRate
    {
        get => BitConverter.Int64BitsToDouble(Interlocked.Read(ref _errorRateBits));
        set => Interlocked.Exchange(ref _errorRateBits, BitConverter.DoubleToInt64Bits(Math.Clamp(value, 0, 1)));
    }

    /// <summary>While true every /v2 request is answered 503 SERVICE_UNAVAILABLE.</summary>
    public bool Outage
    {
        get => Volatile.Read(ref _outage) == 1;
        set => Volatile.Write(ref _outage, value ? 1 : 0);
    }

    /// <summary>
    /// When set, a completed payment shows its INITIAL processing fee once it is this old (checked on read).
    /// When null (the default) fees appear only through <see cref="SettleFees(string?)"/>.
    /// </summary>
    public TimeSpan? FeeDelay
    {
        get { var t = Interlocked.Read(ref _feeDelayTicks); return t < 0 ? null : TimeSpan.FromTicks(t); }
        set => Interlocked.Exchange(ref _feeDelayTicks, value is { } v ? Math.Max(0, v.Ticks) : -1);
    }

    /// <summary>Processing fee in basis points of total_money (default 260 = 2.6 %).</summary>
    public int FeeBasisPoints { get; set; } = 260;

    /// <summary>Fixed processing fee per payment in minor units (default 10).</summary>
    public long FeeFixed { get; set; } = 10;

    public int CompletedPayments => Volatile.Read(ref _completed);

    public int DeclinedPayments => Volatile.Read(ref _declined);

    /// <summary>Every /v2 request received, including those failed by a fault switch.</summary>
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

    /// <summary>Registers a seller reachable with <paramref name="accessToken"/>; its first location is its main location.</summary>
    /// <returns>The merchant id.</returns>
    public string AddMerchant(string accessToken, string locationId, string locationName, string currency = "USD", string country = "US")
    {
        ArgumentException.ThrowIfNullOrEmpty(accessToken);
        ArgumentException.ThrowIfNullOrEmpty(locationId);
        lock (_gate)
        {
            if (_merchantsByToken.ContainsKey(accessToken))
            {
                throw new InvalidOperationException("That access token is already registered.");
            }

            var merchant = new SimMerchant("ML" + NewId(12), accessToken);
            merchant.Locations.Add(new SimLocation(locationId, locationName, currency, country, merchant.Id, Now()));
            _merchantsByToken[accessToken] = merchant;
            return merchant.Id;
        }
    }

    /// <summary>Adds another location to the seller that owns <paramref name="accessToken"/>.</summary>
    public void AddLocation(string accessToken, string locationId, string locationName, string currency = "USD", string country = "US")
    {
        lock (_gate)
        {
            var merchant = _merchantsByToken[accessToken];
            lock (merchant.Locations)
            {
                merchant.Locations.Add(new SimLocation(locationId, locationName, currency, country, merchant.Id, Now()));
            }
        }
    }

    /// <summary>Makes the token answer 401 ACCESS_TOKEN_REVOKED.</summary>
    public void RevokeToken(string accessToken)
    {
        lock (_gate)
        {
            _merchantsByToken[accessToken].TokenState = "ACCESS_TOKEN_REVOKED";
        }
    }

    /// <summary>Makes the token answer 401 ACCESS_TOKEN_EXPIRED.</summary>
    public void ExpireToken(string accessToken)
    {
        lock (_gate)
        {
            _merchantsByToken[accessToken].TokenState = "ACCESS_TOKEN_EXPIRED";
        }
    }

    /// <summary>Clears sellers, payments, idempotency keys, counters and fault switches.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _merchantsByToken.Clear();
            _payments.Clear();
            _paymentsById.Clear();
            _idempotency.Clear();
            Interlocked.Exchange(ref _completed, 0);
            Interlocked.Exchange(ref _declined, 0);
            Interlocked.Exchange(ref _requests, 0);
        }

        Latency = TimeSpan.Zero;
        ErrorRate = 0;
        Outage = false;
        FeeDelay = null;
        FeeBasisPoints = 260;
        FeeFixed = 10;
    }

    public void Map(WebApplication app)
    {
        var v2 = app.MapGroup("/v2");
        v2.AddEndpointFilter(async (context, next) =>
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

            var authorization = http.Request.Headers.Authorization.ToString();
            if (!authorization.StartsWith("Bearer ", StringComparison.Ordinal))
            {
                return Error(401, "AUTHENTICATION_ERROR", "UNAUTHORIZED", "The `Authorization` http header of your request was malformed. The header value is expected to be of the format \"Bearer TOKEN\" (without quotation marks), where TOKEN is to be replaced with your access token (e.g. \"Bearer ABC123def456GHI789jkl0\"). For more information, see https://developer.squareup.com/docs/build-basics/access-tokens. If you are seeing this error message while using one of our officially supported SDKs, please report this to developers@squareup.com.");
            }

            SimMerchant? merchant;
            lock (_gate)
            {
                _merchantsByToken.TryGetValue(authorization["Bearer ".Length..].Trim(), out merchant);
            }

            if (merchant is null)
            {
                return Error(401, "AUTHENTICATION_ERROR", "UNAUTHORIZED", "This request could not be authorized.");
            }

            if (merchant.TokenState is { } tokenState)
            {
                return Error(401, "AUTHENTICATION_ERROR", tokenState, tokenState == "ACCESS_TOKEN_EXPIRED"
                    ? "The access token has expired." : "The access token has been revoked.");
            }

            http.Items[typeof(SimMerchant)] = merchant;
            return await next(context);
        });

        v2.MapPost("/payments", (Delegate)CreatePaymentAsync);
        v2.MapGet("/payments", ListPayments);
        v2.MapGet("/payments/{paymentId}", GetPayment);
        v2.MapGet("/locations", ListLocations);
        v2.MapGet("/locations/{locationId}", RetrieveLocation);
    }

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
