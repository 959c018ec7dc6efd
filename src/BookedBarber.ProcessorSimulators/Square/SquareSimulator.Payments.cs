using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace BookedBarber.ProcessorSimulators.Square;

// Payments: CreatePayment, GetPayment, ListPayments, and the processing fees Square adds after the fact.
public sealed partial class SquareSimulator
{
    private Task<IResult> CreatePaymentAsync(HttpContext http) => IdempotentCreateAsync(http, "payment", Create);

    /// <summary>
    /// A Square create call keyed by its idempotency_key: the whole create runs under the lock, so concurrent requests
    /// with one key make one object; a retry with the same body replays the first answer, another body is refused.
    /// </summary>
    private async Task<IResult> IdempotentCreateAsync(HttpContext http, string kind, Func<SimMerchant, string, JsonObject, (int Status, JsonObject Response)> create)
    {
        var merchant = (SimMerchant)http.Items[typeof(SimMerchant)]!;
        var body = await ReadObjectAsync(http);
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
            if (_idempotency.TryGetValue((merchant.Id, kind, key), out var previous))
            {
                return JsonNode.DeepEquals(previous.Request, body)
                    ? Json(previous.Status, previous.Response.DeepClone())
                    : Error(400, "INVALID_REQUEST_ERROR", "IDEMPOTENCY_KEY_REUSED", "The idempotency key can only be retried with the same request data.", "idempotency_key");
            }

            var (status, response) = create(merchant, key, body);
            if (status < 500)
            {
                _idempotency[(merchant.Id, kind, key)] = new SimIdempotencyRecord((JsonObject)body.DeepClone(), status, response.DeepClone());
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

        if (!location.Active)
        {
            return ErrorBody(400, "INVALID_REQUEST_ERROR", "INVALID_LOCATION", $"Location `{location.Id}` is not active.", "location_id");
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
            VisibleAt = now + ListVisibilityDelay,
            UpdatedAt = now,
            Status = declineCode is not null ? "FAILED" : autocomplete ? "COMPLETED" : "APPROVED",
            DeclineCode = declineCode,
        };
        _payments.Add(payment);
        _paymentsById[payment.Id] = payment;
        EmitPayment("payment.created", payment);
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
            ScheduleFee(payment);
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

    /// <summary>The window, order and page size of a Square List call (begin_time/end_time on created_at, sort_order, limit ≤ 100); the refusal when one is invalid.</summary>
    private IResult? ReadListWindow(IQueryCollection query, out DateTimeOffset begin, out DateTimeOffset end, out string sortOrder, out int limit)
    {
        var now = Now();
        end = default;
        sortOrder = "DESC";
        limit = MaxPageSize;
        if (!TryTime(query["begin_time"], now.AddYears(-1), out begin))
        {
            return Error(400, "INVALID_REQUEST_ERROR", "INVALID_TIME", "Invalid `begin_time`.", "begin_time");
        }

        if (!TryTime(query["end_time"], now, out end))
        {
            return Error(400, "INVALID_REQUEST_ERROR", "INVALID_TIME", "Invalid `end_time`.", "end_time");
        }

        sortOrder = query["sort_order"].ToString() is { Length: > 0 } s ? s : "DESC";
        if (sortOrder is not ("ASC" or "DESC"))
        {
            return Error(400, "INVALID_REQUEST_ERROR", "INVALID_SORT_ORDER", "Invalid sort order.", "sort_order");
        }

        if (query["limit"].ToString() is { Length: > 0 } limitText)
        {
            if (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit < 1)
            {
                return Error(400, "INVALID_REQUEST_ERROR", "INVALID_VALUE", "Invalid `limit`.", "limit");
            }

            limit = Math.Min(limit, MaxPageSize);
        }

        return null;
    }

    private IResult ListPayments(HttpContext http)
    {
        var merchant = (SimMerchant)http.Items[typeof(SimMerchant)]!;
        var query = http.Request.Query;
        var now = Now();
        if (ReadListWindow(query, out var begin, out var end, out var sortOrder, out var limit) is { } refused)
        {
            return refused;
        }

        string locationId;
        bool known;
        lock (_gate)
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
                .Where(p => p.MerchantId == merchant.Id && p.LocationId == locationId && p.CreatedAt >= begin && p.CreatedAt < end && p.VisibleAt <= now)
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

    /// <summary>
    /// A payment taken at the chair on Square's POS (not through our API): card present, APPROVED then COMPLETED, so
    /// subscribers get payment.created and then payment.updated. <paramref name="accessTokenOrLocationId"/> names the
    /// location (or an access token: its seller's main location). <paramref name="createdAt"/> backdates it (a seeded
    /// demo world's past evenings); by default it is taken now. Returns the completed payment.
    /// </summary>
    public SquareSimulatedPayment TakeInPersonPayment(
        string accessTokenOrLocationId,
        long amountMinor,
        string? currency = null,
        string? referenceId = null,
        string? note = null,
        string entryMethod = "CHIP",
        string cardBrand = "VISA",
        string last4 = "4242",
        long? tipMinor = null,
        DateTimeOffset? createdAt = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(amountMinor);
        if (entryMethod is not ("CHIP" or "CONTACTLESS" or "SWIPED" or "KEYED" or "EMV" or "ON_FILE"))
        {
            throw new ArgumentException("entry_method is CHIP, CONTACTLESS, SWIPED or KEYED.", nameof(entryMethod));
        }

        lock (_gate)
        {
            var location = ResolveLocation(accessTokenOrLocationId);
            if (currency is not null && currency != location.Currency)
            {
                throw new ArgumentException($"Location {location.Id} takes {location.Currency}.", nameof(currency));
            }

            if (!location.Active)
            {
                throw new InvalidOperationException($"Location {location.Id} is not active.");
            }

            var now = createdAt ?? Now();
            var payment = new SimPayment
            {
                Id = NewId(22) + "XY",
                Sequence = ++_sequence,
                MerchantId = location.MerchantId,
                LocationId = location.Id,
                IdempotencyKey = Guid.NewGuid().ToString(),
                SourceId = "pos",
                Currency = location.Currency,
                Amount = amountMinor,
                Tip = tipMinor,
                ReferenceId = referenceId,
                Note = note,
                CreatedAt = now,
                VisibleAt = now + ListVisibilityDelay,
                UpdatedAt = now,
                Status = "APPROVED",
                EntryMethod = entryMethod,
                CardBrand = cardBrand,
                Last4 = last4,
                Product = "SQUARE_POS",
            };
            _payments.Add(payment);
            _paymentsById[payment.Id] = payment;
            EmitPayment("payment.created", payment);
            payment.Status = "COMPLETED";
            payment.Version++;
            Interlocked.Increment(ref _completed);
            EmitPayment("payment.updated", payment);
            ScheduleFee(payment);
            return payment.ToSnapshot();
        }
    }

    /// <summary>
    /// Adds <paramref name="count"/> completed, fee-settled payments at a location, created from
    /// <paramref name="firstCreatedAt"/> every <paramref name="spacing"/> (e.g. history for a sync benchmark: 10,000
    /// payments are 100 pages). No webhooks are sent and ListPayments sees them at once.
    /// <paramref name="amountOf"/> and <paramref name="referenceOf"/> shape payment i (default 45.00 and no reference).
    /// Returns their ids, oldest first.
    /// </summary>
    public IReadOnlyList<string> AddHistoricalPayments(
        string accessTokenOrLocationId,
        int count,
        DateTimeOffset firstCreatedAt,
        TimeSpan spacing,
        Func<int, long>? amountOf = null,
        Func<int, string?>? referenceOf = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        lock (_gate)
        {
            var location = ResolveLocation(accessTokenOrLocationId);
            var ids = new List<string>(count);
            for (var i = 0; i < count; i++)
            {
                var createdAt = firstCreatedAt + (spacing * i);
                var payment = new SimPayment
                {
                    Id = NewId(22) + "XY",
                    Sequence = ++_sequence,
                    MerchantId = location.MerchantId,
                    LocationId = location.Id,
                    IdempotencyKey = Guid.NewGuid().ToString(),
                    SourceId = "pos",
                    Currency = location.Currency,
                    Amount = amountOf?.Invoke(i) ?? 4500,
                    ReferenceId = referenceOf?.Invoke(i),
                    CreatedAt = createdAt,
                    VisibleAt = DateTimeOffset.MinValue,
                    UpdatedAt = createdAt,
                    Status = "COMPLETED",
                    EntryMethod = (i % 3) switch { 0 => "CHIP", 1 => "CONTACTLESS", _ => "SWIPED" },
                    Product = "SQUARE_POS",
                };
                var fee = ComputeFee(payment.TotalAmount);
                payment.Fees.Add(new SimFee(createdAt.AddMinutes(30), "INITIAL", fee));
                payment.UpdatedAt = createdAt.AddMinutes(30);
                _payments.Add(payment);
                _paymentsById[payment.Id] = payment;
                ids.Add(payment.Id);
            }

            Interlocked.Add(ref _completed, count);
            return ids;
        }
    }

    private SimLocation ResolveLocation(string accessTokenOrLocationId) =>
        _locationsById.TryGetValue(accessTokenOrLocationId, out var location) ? location
        : _tokens.TryGetValue(accessTokenOrLocationId, out var token) ? token.Merchant.Locations[0]
        : throw new KeyNotFoundException("No location has that id and no seller has that access token.");

    /// <summary>
    /// Computes Square's fee for completed payments that have none yet (all, or only <paramref name="paymentId"/>),
    /// as an INITIAL processing_fee entry, bumps updated_at and sends payment.updated. Returns the number settled.
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

    /// <summary>Appends an ADJUSTMENT processing fee entry (may be negative), as Square does after the fact; sends payment.updated.</summary>
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

    private void ApplyDueFees(SimPayment payment, DateTimeOffset now)
    {
        if (FeeDelay is { } delay && payment.Status == "COMPLETED" && payment.Fees.Count == 0 && now - payment.CreatedAt >= delay)
        {
            AddFee(payment, "INITIAL", ComputeFee(payment.TotalAmount), payment.CreatedAt + delay);
        }
    }

    private void AddFee(SimPayment payment, string type, long amount, DateTimeOffset effectiveAt)
    {
        payment.Fees.Add(new SimFee(effectiveAt, type, amount));
        payment.UpdatedAt = effectiveAt > payment.UpdatedAt ? effectiveAt : payment.UpdatedAt;
        payment.Version++;
        EmitPayment("payment.updated", payment);
    }

    // With FeeDelay set, the fee is assessed (and payment.updated sent) when it is due, not only when someone reads.
    private void ScheduleFee(SimPayment payment)
    {
        if (FeeDelay is { } delay)
        {
            Schedule(delay, () =>
            {
                lock (_gate)
                {
                    ApplyDueFees(payment, Now());
                }
            });
        }
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
}
