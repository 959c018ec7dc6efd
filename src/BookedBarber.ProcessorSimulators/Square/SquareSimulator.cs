using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
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
public sealed class SquareSimulator(TimeProvider clock)
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

    /// <summary>
    /// Computes Square's fee for completed payments that have none yet (all, or only <paramref name="paymentId"/>),
    /// as an INITIAL processing_fee entry, and bumps updated_at. Returns the number of payments settled.
    /// </summary>
    public int SettleFees(string? paymentId = null)
    {
        lock (_gate)
        {
            var now = Now();
            var settled = 0;
            List<SimPayment> candidates = paymentId is null ? _payments
                : _paymentsById.TryGetValue(paymentId, out var one) ? [one] : [];
            foreach (var payment in candidates)
            {
                if (payment.Status == "COMPLETED" && payment.Fees.Count == 0)
                {
                    AddFee(payment, "INITIAL", ComputeFee(payment.TotalAmount), now);
                    settled++;
                }
            }

            return settled;
        }
    }

    /// <summary>Appends an ADJUSTMENT processing fee entry (may be negative), as Square does after the fact.</summary>
    public void AdjustFee(string paymentId, long amount)
    {
        lock (_gate)
        {
            AddFee(_paymentsById[paymentId], "ADJUSTMENT", amount, Now());
        }
    }

    /// <summary>The fee the simulator charges on <paramref name="totalAmount"/> minor units.</summary>
    public long ComputeFee(long totalAmount) =>
        (long)Math.Round(totalAmount * (decimal)FeeBasisPoints / 10_000m, MidpointRounding.AwayFromZero) + FeeFixed;

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

    /// <summary>Square's webhook signature: base64(HMAC-SHA256(signature key, notification URL + raw body)).</summary>
    public static string ComputeSignature(string signatureKey, string notificationUrl, string body)
    {
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(signatureKey), Encoding.UTF8.GetBytes(notificationUrl + body));
        return Convert.ToBase64String(mac);
    }

    /// <summary>
    /// POSTs a signed <c>payment.updated</c> notification for the payment to <paramref name="notificationUrl"/>
    /// (header <c>x-square-hmacsha256-signature</c>) and returns the subscriber's status code.
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
            var notification = new JsonObject
            {
                ["merchant_id"] = payment.MerchantId,
                ["type"] = "payment.updated",
                ["event_id"] = eventId ?? Guid.NewGuid().ToString(),
                ["created_at"] = Rfc3339(Now()),
                ["data"] = new JsonObject
                {
                    ["type"] = "payment",
                    ["id"] = payment.Id,
                    ["object"] = new JsonObject { ["payment"] = payment.ToJson() },
                },
            };
            body = notification.ToJsonString();
        }

        var client = httpClient ?? SharedWebhookClient.Value;
        using var request = new HttpRequestMessage(HttpMethod.Post, notificationUrl)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("x-square-hmacsha256-signature", ComputeSignature(signatureKey, notificationUrl, body));
        request.Headers.TryAddWithoutValidation("square-environment", "Sandbox");
        using var response = await client.SendAsync(request, cancellationToken);
        return response.StatusCode;
    }

    private static readonly Lazy<HttpClient> SharedWebhookClient = new(() => new HttpClient());

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

    private async Task<IResult> CreatePaymentAsync(HttpContext http)
    {
        var merchant = (SimMerchant)http.Items[typeof(SimMerchant)]!;
        JsonObject? body;
        try
        {
            body = await JsonNode.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted) as JsonObject;
        }
        catch (JsonException)
        {
            body = null;
        }

        if (body is null)
        {
            return Error(400, "INVALID_REQUEST_ERROR", "BAD_REQUEST", "Invalid JSON in request body.");
        }

        var key = Str(body, "idempotency_key");
        if (string.IsNullOrEmpty(key))
        {
            return Error(400, "INVALID_REQUEST_ERROR", "MISSING_REQUIRED_PARAMETER", "Field must be set", "idempotency_key");
        }

        if (key.Length > MaxIdempotencyKeyLength)
        {
            return Error(400, "INVALID_REQUEST_ERROR", "VALUE_TOO_LONG", $"Field must not be greater than {MaxIdempotencyKeyLength} length", "idempotency_key");
        }

        lock (_gate)
        {
            // The whole create runs under the lock: concurrent requests with one key produce one payment.
            if (_idempotency.TryGetValue((merchant.Id, key), out var previous))
            {
                return JsonNode.DeepEquals(previous.Request, body)
                    ? Json(previous.Status, previous.Response.DeepClone())
                    : Error(400, "INVALID_REQUEST_ERROR", "IDEMPOTENCY_KEY_REUSED", "The idempotency key can only be retried with the same request data.", "idempotency_key");
            }

            var (status, response) = Create(merchant, key, body);
            if (status < 500)
            {
                _idempotency[(merchant.Id, key)] = new SimIdempotencyRecord((JsonObject)body.DeepClone(), status, response.DeepClone());
            }

            return Json(status, response);
        }
    }

    private (int Status, JsonObject Response) Create(SimMerchant merchant, string key, JsonObject body)
    {
        var sourceId = Str(body, "source_id");
        if (string.IsNullOrEmpty(sourceId))
        {
            return ErrorBody(400, "INVALID_REQUEST_ERROR", "MISSING_REQUIRED_PARAMETER", "Field must be set", "source_id");
        }

        if (!TryMoney(body, "amount_money", out var amount, out var currency) || amount is null)
        {
            return amount is null && body["amount_money"] is null
                ? ErrorBody(400, "INVALID_REQUEST_ERROR", "MISSING_REQUIRED_PARAMETER", "Field must be set", "amount_money")
                : ErrorBody(400, "INVALID_REQUEST_ERROR", "INVALID_VALUE", "Invalid money.", "amount_money");
        }

        if (amount < 0)
        {
            return ErrorBody(400, "INVALID_REQUEST_ERROR", "INVALID_VALUE", "`amount_money.amount` must not be negative.", "amount_money.amount");
        }

        if (!TryMoney(body, "tip_money", out var tip, out var tipCurrency) || !TryMoney(body, "app_fee_money", out var appFee, out var appFeeCurrency))
        {
            return ErrorBody(400, "INVALID_REQUEST_ERROR", "INVALID_VALUE", "Invalid money.");
        }

        var locationId = Str(body, "location_id");
        var location = locationId is null ? merchant.Locations[0] : merchant.Locations.Find(l => l.Id == locationId);
        if (location is null)
        {
            return ErrorBody(404, "INVALID_REQUEST_ERROR", "NOT_FOUND", $"Location `{locationId}` not found.", "location_id");
        }

        if (currency != location.Currency || (tip is not null && tipCurrency != currency) || (appFee is not null && appFeeCurrency != currency))
        {
            return ErrorBody(400, "INVALID_REQUEST_ERROR", "INVALID_VALUE", $"This merchant can only process payments in {location.Currency}, but amount was provided in {currency}.", "amount_money.currency");
        }

        var total = amount.Value + (tip ?? 0);
        if (appFee is { } fee && (fee < 0 || fee > total * 9 / 10))
        {
            return ErrorBody(400, "INVALID_REQUEST_ERROR", "INVALID_VALUE", "`app_fee_money` cannot be more than 90% of the total.", "app_fee_money.amount");
        }

        var referenceId = Str(body, "reference_id");
        if (referenceId is { Length: > 40 })
        {
            return ErrorBody(400, "INVALID_REQUEST_ERROR", "VALUE_TOO_LONG", "Field must not be greater than 40 length", "reference_id");
        }

        var note = Str(body, "note");
        if (note is { Length: > 500 })
        {
            return ErrorBody(400, "INVALID_REQUEST_ERROR", "VALUE_TOO_LONG", "Field must not be greater than 500 length", "note");
        }

        if (!sourceId.StartsWith("cnon:", StringComparison.Ordinal) && !sourceId.StartsWith("ccof:", StringComparison.Ordinal))
        {
            return ErrorBody(400, "INVALID_REQUEST_ERROR", "INVALID_CARD_DATA", "Invalid card data.", "source_id");
        }

        if (sourceId == NonceProcessingError)
        {
            return ErrorBody(500, "API_ERROR", "INTERNAL_SERVER_ERROR", "An internal error has occurred, and the API was unable to service your request.");
        }

        var declineCode = sourceId switch
        {
            NonceDeclined => "CARD_DECLINED",
            NonceInsufficientFunds => "INSUFFICIENT_FUNDS",
            _ => null,
        };
        var autocomplete = body["autocomplete"]?.GetValueKind() != JsonValueKind.False;
        var now = Now();
        var payment = new SimPayment
        {
            Id = NewId(22) + "XY",
            Sequence = ++_sequence,
            MerchantId = merchant.Id,
            LocationId = location.Id,
            IdempotencyKey = key,
            SourceId = sourceId,
            Currency = currency!,
            Amount = amount.Value,
            Tip = tip,
            AppFee = appFee,
            ReferenceId = referenceId,
            Note = note,
            CustomerId = Str(body, "customer_id"),
            OrderId = Str(body, "order_id"),
            CreatedAt = now,
            UpdatedAt = now,
            Status = declineCode is not null ? "FAILED" : autocomplete ? "COMPLETED" : "APPROVED",
            DeclineCode = declineCode,
        };
        _payments.Add(payment);
        _paymentsById[payment.Id] = payment;
        if (declineCode is not null)
        {
            Interlocked.Increment(ref _declined);
            var (status, error) = ErrorBody(400, "PAYMENT_METHOD_ERROR", declineCode, declineCode == "CARD_DECLINED"
                ? "Authorization error: 'CARD_DECLINED'" : "Authorization error: 'INSUFFICIENT_FUNDS'");
            error["payment"] = payment.ToJson();
            return (status, error);
        }

        if (payment.Status == "COMPLETED")
        {
            Interlocked.Increment(ref _completed);
        }

        return (200, new JsonObject { ["payment"] = payment.ToJson() });
    }

    private IResult GetPayment(HttpContext http, string paymentId)
    {
        var merchant = (SimMerchant)http.Items[typeof(SimMerchant)]!;
        lock (_gate)
        {
            if (!_paymentsById.TryGetValue(paymentId, out var payment) || payment.MerchantId != merchant.Id)
            {
                return Error(404, "INVALID_REQUEST_ERROR", "NOT_FOUND", $"Could not find payment with id: {paymentId}");
            }

            ApplyDueFees(payment, Now());
            return Json(200, new JsonObject { ["payment"] = payment.ToJson() });
        }
    }

    private IResult ListPayments(HttpContext http)
    {
        var merchant = (SimMerchant)http.Items[typeof(SimMerchant)]!;
        var query = http.Request.Query;
        var now = Now();
        if (!TryTime(query["begin_time"], now.AddYears(-1), out var begin))
        {
            return Error(400, "INVALID_REQUEST_ERROR", "INVALID_TIME", "Invalid `begin_time`.", "begin_time");
        }

        if (!TryTime(query["end_time"], now, out var end))
        {
            return Error(400, "INVALID_REQUEST_ERROR", "INVALID_TIME", "Invalid `end_time`.", "end_time");
        }

        var sortOrder = query["sort_order"].ToString() is { Length: > 0 } s ? s : "DESC";
        if (sortOrder is not ("ASC" or "DESC"))
        {
            return Error(400, "INVALID_REQUEST_ERROR", "INVALID_SORT_ORDER", "Invalid sort order.", "sort_order");
        }

        var limit = MaxPageSize;
        if (query["limit"].ToString() is { Length: > 0 } limitText)
        {
            if (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit < 1)
            {
                return Error(400, "INVALID_REQUEST_ERROR", "INVALID_VALUE", "Invalid `limit`.", "limit");
            }

            limit = Math.Min(limit, MaxPageSize);
        }

        string locationId;
        bool known;
        lock (merchant.Locations)
        {
            locationId = query["location_id"].ToString() is { Length: > 0 } l ? l : merchant.Locations[0].Id;
            known = merchant.Locations.Exists(x => x.Id == locationId);
        }

        if (!known)
        {
            return Error(404, "INVALID_REQUEST_ERROR", "NOT_FOUND", $"Location `{locationId}` not found.", "location_id");
        }

        // Square's cursors are opaque and bound to the query they came from. Ours carry the resolved time window
        // (so a defaulted end_time does not move between pages) and the position after the last item returned
        // (so payments created meanwhile do not shift the pages).
        var explicitQuery = string.Join('|', query["begin_time"], query["end_time"], sortOrder, locationId);
        (long CreatedTicks, long Sequence)? after = null;
        if (query["cursor"].ToString() is { Length: > 0 } cursor)
        {
            if (!TryReadCursor(cursor, explicitQuery, out var state))
            {
                return Error(400, "INVALID_REQUEST_ERROR", "INVALID_CURSOR", "The pagination cursor included in the request is invalid.", "cursor");
            }

            begin = new DateTimeOffset(state.BeginTicks, TimeSpan.Zero);
            end = new DateTimeOffset(state.EndTicks, TimeSpan.Zero);
            after = (state.CreatedTicks, state.Sequence);
        }

        lock (_gate)
        {
            var ascending = sortOrder == "ASC";
            var matching = _payments
                .Where(p => p.MerchantId == merchant.Id && p.LocationId == locationId && p.CreatedAt >= begin && p.CreatedAt < end)
                .Where(p => after is not { } a || (ascending
                    ? (p.CreatedAt.UtcTicks, p.Sequence).CompareTo(a) > 0
                    : (p.CreatedAt.UtcTicks, p.Sequence).CompareTo(a) < 0));
            matching = ascending
                ? matching.OrderBy(p => p.CreatedAt).ThenBy(p => p.Sequence)
                : matching.OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Sequence);
            var page = matching.Take(limit + 1).ToList();
            var more = page.Count > limit;
            if (more)
            {
                page.RemoveAt(limit);
            }

            var response = new JsonObject();
            if (page.Count > 0)
            {
                var items = new JsonArray();
                foreach (var payment in page)
                {
                    ApplyDueFees(payment, now);
                    items.Add(payment.ToJson());
                }

                response["payments"] = items;
            }

            if (more)
            {
                var last = page[^1];
                response["cursor"] = WriteCursor(new CursorState(begin.UtcTicks, end.UtcTicks, last.CreatedAt.UtcTicks, last.Sequence), explicitQuery);
            }

            return Json(200, response);
        }
    }

    private static IResult ListLocations(HttpContext http)
    {
        var merchant = (SimMerchant)http.Items[typeof(SimMerchant)]!;
        var locations = new JsonArray();
        lock (merchant.Locations)
        {
            foreach (var location in merchant.Locations)
            {
                locations.Add(location.ToJson());
            }
        }

        return Json(200, new JsonObject { ["locations"] = locations });
    }

    private static IResult RetrieveLocation(HttpContext http, string locationId)
    {
        var merchant = (SimMerchant)http.Items[typeof(SimMerchant)]!;
        SimLocation? location;
        lock (merchant.Locations)
        {
            location = locationId == "main" ? merchant.Locations[0] : merchant.Locations.Find(l => l.Id == locationId);
        }

        return location is null
            ? Error(404, "INVALID_REQUEST_ERROR", "NOT_FOUND", $"Location with id `{locationId}` not found.")
            : Json(200, new JsonObject { ["location"] = location.ToJson() });
    }

    private void ApplyDueFees(SimPayment payment, DateTimeOffset now)
    {
        if (FeeDelay is { } delay && payment.Status == "COMPLETED" && payment.Fees.Count == 0 && now - payment.CreatedAt >= delay)
        {
            AddFee(payment, "INITIAL", ComputeFee(payment.TotalAmount), payment.CreatedAt + delay);
        }
    }

    private static void AddFee(SimPayment payment, string type, long amount, DateTimeOffset effectiveAt)
    {
        payment.Fees.Add(new SimFee(effectiveAt, type, amount));
        payment.UpdatedAt = effectiveAt > payment.UpdatedAt ? effectiveAt : payment.UpdatedAt;
        payment.Version++;
    }

    private readonly record struct CursorState(long BeginTicks, long EndTicks, long CreatedTicks, long Sequence);

    private static bool TryReadCursor(string cursor, string explicitQuery, out CursorState state)
    {
        state = default;
        try
        {
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(cursor)).Split('~', 5);
            if (parts.Length != 5 || parts[4] != explicitQuery)
            {
                return false;
            }

            var numbers = new long[4];
            for (var i = 0; i < 4; i++)
            {
                if (!long.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out numbers[i]))
                {
                    return false;
                }
            }

            state = new CursorState(numbers[0], numbers[1], numbers[2], numbers[3]);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static string WriteCursor(CursorState state, string explicitQuery) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(string.Join('~', state.BeginTicks, state.EndTicks, state.CreatedTicks, state.Sequence, explicitQuery)));

    private static bool TryTime(string? text, DateTimeOffset fallback, out DateTimeOffset value)
    {
        if (string.IsNullOrEmpty(text))
        {
            value = fallback;
            return true;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value);
    }

    private static bool TryMoney(JsonObject body, string name, out long? amount, out string? currency)
    {
        amount = null;
        currency = null;
        if (body[name] is null)
        {
            return true;
        }

        if (body[name] is not JsonObject money
            || money["amount"] is not JsonValue a || !a.TryGetValue(out long value)
            || money["currency"] is not JsonValue c || !c.TryGetValue(out string? code) || code.Length != 3)
        {
            return false;
        }

        amount = value;
        currency = code;
        return true;
    }

    private static string? Str(JsonObject body, string name) =>
        body[name] is JsonValue v && v.TryGetValue(out string? s) ? s : null;

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

    private sealed class SimMerchant(string id, string accessToken)
    {
        public string Id { get; } = id;

        public string AccessToken { get; } = accessToken;

        public List<SimLocation> Locations { get; } = [];

        public string? TokenState { get; set; }
    }

    private sealed record SimLocation(string Id, string Name, string Currency, string Country, string MerchantId, DateTimeOffset CreatedAt)
    {
        public JsonObject ToJson() => new()
        {
            ["id"] = Id,
            ["name"] = Name,
            ["timezone"] = "America/New_York",
            ["capabilities"] = new JsonArray("CREDIT_CARD_PROCESSING"),
            ["status"] = "ACTIVE",
            ["created_at"] = Rfc3339(CreatedAt),
            ["merchant_id"] = MerchantId,
            ["country"] = Country,
            ["language_code"] = "en-US",
            ["currency"] = Currency,
            ["business_name"] = Name,
            ["type"] = "PHYSICAL",
            ["mcc"] = "7241",
        };
    }

    private sealed record SimIdempotencyRecord(JsonObject Request, int Status, JsonNode Response);

    private sealed record SimFee(DateTimeOffset EffectiveAt, string Type, long Amount);

    private sealed class SimPayment
    {
        public required string Id { get; init; }

        public required long Sequence { get; init; }

        public required string MerchantId { get; init; }

        public required string LocationId { get; init; }

        public required string IdempotencyKey { get; init; }

        public required string SourceId { get; init; }

        public required string Currency { get; init; }

        public required long Amount { get; init; }

        public long? Tip { get; init; }

        public long? AppFee { get; init; }

        public string? ReferenceId { get; init; }

        public string? Note { get; init; }

        public string? CustomerId { get; init; }

        public string? OrderId { get; init; }

        public required DateTimeOffset CreatedAt { get; init; }

        public required DateTimeOffset UpdatedAt { get; set; }

        public required string Status { get; init; }

        public string? DeclineCode { get; init; }

        public List<SimFee> Fees { get; } = [];

        public int Version { get; set; }

        public long TotalAmount => Amount + (Tip ?? 0);

        public SquareSimulatedPayment ToSnapshot() => new(
            Id, MerchantId, LocationId, IdempotencyKey, Status, Amount, Tip, AppFee, Currency, ReferenceId, CreatedAt,
            Fees.Sum(f => f.Amount), Fees.Count > 0);

        public JsonObject ToJson()
        {
            JsonObject Money(long amount) => new() { ["amount"] = amount, ["currency"] = Currency };
            var failed = Status == "FAILED";
            var card = new JsonObject
            {
                ["status"] = failed ? "FAILED" : Status == "COMPLETED" ? "CAPTURED" : "AUTHORIZED",
                ["card"] = new JsonObject
                {
                    ["card_brand"] = "VISA",
                    ["last_4"] = "1111",
                    ["exp_month"] = 11,
                    ["exp_year"] = CreatedAt.Year + 3,
                    ["fingerprint"] = "sq-1-simulated-fingerprint-visa-1111",
                    ["card_type"] = "CREDIT",
                    ["prepaid_type"] = "NOT_PREPAID",
                    ["bin"] = "411111",
                },
                ["entry_method"] = "KEYED",
                ["cvv_status"] = "CVV_ACCEPTED",
                ["avs_status"] = "AVS_ACCEPTED",
                ["statement_description"] = "SQ *BOOKEDBARBER",
                ["card_payment_timeline"] = failed
                    ? new JsonObject()
                    : Status == "COMPLETED"
                        ? new JsonObject { ["authorized_at"] = Rfc3339(CreatedAt), ["captured_at"] = Rfc3339(CreatedAt) }
                        : new JsonObject { ["authorized_at"] = Rfc3339(CreatedAt) },
            };
            if (failed)
            {
                card["errors"] = new JsonArray(new JsonObject
                {
                    ["category"] = "PAYMENT_METHOD_ERROR",
                    ["code"] = DeclineCode,
                    ["detail"] = $"Authorization error: '{DeclineCode}'",
                });
            }
            else
            {
                card["auth_result_code"] = "Pz5Kx1";
            }

            var json = new JsonObject
            {
                ["id"] = Id,
                ["created_at"] = Rfc3339(CreatedAt),
                ["updated_at"] = Rfc3339(UpdatedAt),
                ["amount_money"] = Money(Amount),
            };
            if (Tip is { } tip)
            {
                json["tip_money"] = Money(tip);
            }

            json["total_money"] = Money(TotalAmount);
            if (AppFee is { } appFee)
            {
                json["app_fee_money"] = Money(appFee);
            }

            if (!failed)
            {
                json["approved_money"] = Money(TotalAmount);
            }

            if (Fees.Count > 0)
            {
                var fees = new JsonArray();
                foreach (var fee in Fees)
                {
                    fees.Add(new JsonObject { ["effective_at"] = Rfc3339(fee.EffectiveAt), ["type"] = fee.Type, ["amount_money"] = Money(fee.Amount) });
                }

                json["processing_fee"] = fees;
            }

            json["status"] = Status;
            json["delay_duration"] = "PT168H";
            json["delay_action"] = "CANCEL";
            json["delayed_until"] = Rfc3339(CreatedAt.AddDays(7));
            json["source_type"] = "CARD";
            json["card_details"] = card;
            json["location_id"] = LocationId;
            json["order_id"] = OrderId ?? "ord" + Id[..18];
            if (ReferenceId is not null)
            {
                json["reference_id"] = ReferenceId;
            }

            if (CustomerId is not null)
            {
                json["customer_id"] = CustomerId;
            }

            if (Note is not null)
            {
                json["note"] = Note;
            }

            json["risk_evaluation"] = new JsonObject { ["created_at"] = Rfc3339(CreatedAt), ["risk_level"] = "NORMAL" };
            if (!failed)
            {
                json["receipt_number"] = Id[..4];
                json["receipt_url"] = $"https://squareupsandbox.com/receipt/preview/{Id}";
            }

            json["application_details"] = new JsonObject { ["square_product"] = "ECOMMERCE_API", ["application_id"] = "sandbox-sq0idb-simulator" };
            json["version_token"] = $"{Id[..8]}v{Version}";
            return json;
        }
    }
}

/// <summary>What the simulator holds about one payment, for assertions.</summary>
public sealed record SquareSimulatedPayment(
    string Id,
    string MerchantId,
    string LocationId,
    string IdempotencyKey,
    string Status,
    long Amount,
    long? Tip,
    long? AppFee,
    string Currency,
    string? ReferenceId,
    DateTimeOffset CreatedAt,
    long ProcessingFeeTotal,
    bool FeesSettled);
