using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace BookedBarber.ProcessorSimulators.Square;

// Webhook subscriptions: Create, List, Retrieve and Delete (/v2/webhooks/subscriptions). Square keeps subscriptions per
// application; the simulator keeps them per seller (the one whose Bearer token created them), which is what our
// connections register and what decides who gets a seller's events.
public sealed partial class SquareSimulator
{
    /// <summary>The event types a subscription may name (what the simulator sends, and a few it accepts but never sends).</summary>
    public static readonly IReadOnlyList<string> SupportedEventTypes =
    [
        "payment.created", "payment.updated", "refund.created", "refund.updated",
        "oauth.authorization.revoked", "location.created", "location.updated",
    ];

    /// <summary>A snapshot of every webhook subscription (enabled or not), oldest first.</summary>
    public IReadOnlyList<SquareSimulatedSubscription> WebhookSubscriptions
    {
        get
        {
            lock (_gate)
            {
                return _subscriptionsById.Values.OrderBy(s => s.CreatedAt)
                    .Select(s => new SquareSimulatedSubscription(s.Id, s.MerchantId, s.NotificationUrl, s.EventTypes, s.SignatureKey, s.Enabled))
                    .ToList();
            }
        }
    }

    /// <summary>Enables or disables a subscription (Square disables one whose endpoint keeps failing).</summary>
    public void SetSubscriptionEnabled(string subscriptionId, bool enabled)
    {
        lock (_gate)
        {
            _subscriptionsById[subscriptionId].Enabled = enabled;
        }
    }

    private async Task<IResult> CreateSubscriptionAsync(HttpContext http)
    {
        var merchant = (SimMerchant)http.Items[typeof(SimMerchant)]!;
        var body = await ReadObjectAsync(http);
        if (body is null)
        {
            return Error(400, "INVALID_REQUEST_ERROR", "BAD_REQUEST", "Invalid JSON in request body.");
        }

        var key = Str(body, "idempotency_key");
        if (key is { Length: > MaxIdempotencyKeyLength })
        {
            return Error(400, "INVALID_REQUEST_ERROR", "VALUE_TOO_LONG", $"Field must not be greater than {MaxIdempotencyKeyLength} length", "idempotency_key");
        }

        lock (_gate)
        {
            if (key is { Length: > 0 } && _idempotency.TryGetValue((merchant.Id, "subscription", key), out var previous))
            {
                return JsonNode.DeepEquals(previous.Request, body)
                    ? Json(previous.Status, previous.Response.DeepClone())
                    : Error(400, "INVALID_REQUEST_ERROR", "IDEMPOTENCY_KEY_REUSED", "The idempotency key can only be retried with the same request data.", "idempotency_key");
            }

            var (status, response) = CreateSubscription(merchant, body);
            if (key is { Length: > 0 })
            {
                _idempotency[(merchant.Id, "subscription", key)] = new SimIdempotencyRecord((JsonObject)body.DeepClone(), status, response.DeepClone());
            }

            return Json(status, response);
        }
    }

    private (int Status, JsonObject Response) CreateSubscription(SimMerchant merchant, JsonObject body)
    {
        if (body["subscription"] is not JsonObject subscription)
        {
            return ErrorBody(400, "INVALID_REQUEST_ERROR", "MISSING_REQUIRED_PARAMETER", "Field must be set", "subscription");
        }

        var url = Str(subscription, "notification_url");
        if (string.IsNullOrEmpty(url))
        {
            return ErrorBody(400, "INVALID_REQUEST_ERROR", "MISSING_REQUIRED_PARAMETER", "Field must be set", "subscription.notification_url");
        }

        // Square wants https; plain http is allowed to loopback so a local dev host can subscribe.
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri)
            || !(uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback)))
        {
            return ErrorBody(400, "INVALID_REQUEST_ERROR", "INVALID_VALUE", "The notification URL must be an absolute HTTPS URL.", "subscription.notification_url");
        }

        if (subscription["event_types"] is not JsonArray { Count: > 0 } types)
        {
            return ErrorBody(400, "INVALID_REQUEST_ERROR", "MISSING_REQUIRED_PARAMETER", "Field must be set", "subscription.event_types");
        }

        var eventTypes = new List<string>();
        foreach (var type in types)
        {
            var name = type is JsonValue v && v.TryGetValue(out string? s) ? s : null;
            if (name is null || !SupportedEventTypes.Contains(name))
            {
                return ErrorBody(400, "INVALID_REQUEST_ERROR", "INVALID_VALUE", $"Unsupported event type `{type?.ToJsonString()}`.", "subscription.event_types");
            }

            eventTypes.Add(name);
        }

        var created = new SimSubscription
        {
            Id = "wbhk_" + NewId(32).ToLowerInvariant(),
            MerchantId = merchant.Id,
            Name = Str(subscription, "name") ?? "Webhook subscription",
            NotificationUrl = url,
            EventTypes = eventTypes.Distinct().ToList(),
            ApiVersion = Str(subscription, "api_version") ?? "2025-08-20",
            SignatureKey = NewId(22),
            CreatedAt = Now(),
            Enabled = subscription["enabled"]?.GetValueKind() != System.Text.Json.JsonValueKind.False,
        };
        _subscriptionsById[created.Id] = created;
        merchant.Subscriptions.Add(created);
        return (200, new JsonObject { ["subscription"] = created.ToJson() });
    }

    private IResult ListSubscriptions(HttpContext http)
    {
        var merchant = (SimMerchant)http.Items[typeof(SimMerchant)]!;
        var query = http.Request.Query;
        var includeDisabled = query["include_disabled"].ToString() == "true";
        var sortOrder = query["sort_order"].ToString() is { Length: > 0 } s ? s : "ASC";
        if (sortOrder is not ("ASC" or "DESC"))
        {
            return Error(400, "INVALID_REQUEST_ERROR", "INVALID_SORT_ORDER", "Invalid sort order.", "sort_order");
        }

        var limit = MaxPageSize;
        if (query["limit"].ToString() is { Length: > 0 } limitText
            && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit < 1))
        {
            return Error(400, "INVALID_REQUEST_ERROR", "INVALID_VALUE", "Invalid `limit`.", "limit");
        }

        limit = Math.Min(limit, MaxPageSize);
        var offset = 0;
        if (query["cursor"].ToString() is { Length: > 0 } cursor)
        {
            try
            {
                offset = int.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(cursor)), NumberStyles.None, CultureInfo.InvariantCulture);
            }
            catch (FormatException)
            {
                return Error(400, "INVALID_REQUEST_ERROR", "INVALID_CURSOR", "The pagination cursor included in the request is invalid.", "cursor");
            }
        }

        lock (_gate)
        {
            var matching = merchant.Subscriptions.Where(x => includeDisabled || x.Enabled);
            if (sortOrder == "DESC")
            {
                matching = matching.Reverse();
            }

            var page = matching.Skip(offset).Take(limit + 1).ToList();
            var response = new JsonObject();
            if (page.Count > 0)
            {
                response["subscriptions"] = new JsonArray(page.Take(limit).Select(x => (JsonNode?)x.ToJson()).ToArray());
            }

            if (page.Count > limit)
            {
                response["cursor"] = Convert.ToBase64String(Encoding.UTF8.GetBytes((offset + limit).ToString(CultureInfo.InvariantCulture)));
            }

            return Json(200, response);
        }
    }

    private IResult RetrieveSubscription(HttpContext http, string subscriptionId)
    {
        var merchant = (SimMerchant)http.Items[typeof(SimMerchant)]!;
        lock (_gate)
        {
            return _subscriptionsById.TryGetValue(subscriptionId, out var subscription) && subscription.MerchantId == merchant.Id
                ? Json(200, new JsonObject { ["subscription"] = subscription.ToJson() })
                : Error(404, "INVALID_REQUEST_ERROR", "NOT_FOUND", $"Subscription with id `{subscriptionId}` not found.");
        }
    }

    private IResult DeleteSubscription(HttpContext http, string subscriptionId)
    {
        var merchant = (SimMerchant)http.Items[typeof(SimMerchant)]!;
        lock (_gate)
        {
            if (!_subscriptionsById.TryGetValue(subscriptionId, out var subscription) || subscription.MerchantId != merchant.Id)
            {
                return Error(404, "INVALID_REQUEST_ERROR", "NOT_FOUND", $"Subscription with id `{subscriptionId}` not found.");
            }

            _subscriptionsById.Remove(subscriptionId);
            merchant.Subscriptions.Remove(subscription);
            return Json(200, new JsonObject());
        }
    }
}
