using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using BookedBarber.Payments.Configuration;
using BookedBarber.Payments.Processors.Square;

namespace BookedBarber.Payments.Connections;

/// <summary>
/// <see cref="ISquareConnectionApi"/> over HTTP. TEMPORARY for the OAuth and webhook-subscription calls: our
/// <see cref="SquareClient"/> is gaining them (token status, refresh, revoke, subscriptions) on another branch; until
/// they land these few calls are made here the way SquareClient makes its own. Locations go through SquareClient.
/// </summary>
public sealed class SquareConnectionApi(SquareClient square, IHttpClientFactory httpClients, PaymentsSettings settings) : ISquareConnectionApi
{
    private Uri BaseAddress => settings.SquareApiBase ?? SquareClientOptions.ProductionAddress;

    public async Task<SquareTokenStatus> GetTokenStatusAsync(string accessToken, CancellationToken cancellationToken)
    {
        var body = await SendAsync(HttpMethod.Post, "oauth2/token/status", $"Bearer {accessToken}", new JsonObject(), cancellationToken);
        var scopes = body["scopes"] is JsonArray list ? list.Select(s => s?.GetValue<string>() ?? "").Where(s => s.Length > 0).ToList() : [];
        return new SquareTokenStatus(scopes, Time(body["expires_at"]), body["merchant_id"]?.GetValue<string>());
    }

    public Task<SquareLocation> GetLocationAsync(string accessToken, string locationId, CancellationToken cancellationToken) =>
        square.GetLocationAsync(accessToken, locationId, cancellationToken);

    public async Task<SquareObtainedToken> RefreshTokenAsync(string clientId, string clientSecret, string refreshToken, CancellationToken cancellationToken)
    {
        var body = await SendAsync(HttpMethod.Post, "oauth2/token", null, new JsonObject
        {
            ["client_id"] = clientId,
            ["client_secret"] = clientSecret,
            ["grant_type"] = "refresh_token",
            ["refresh_token"] = refreshToken,
        }, cancellationToken);
        var token = body["access_token"]?.GetValue<string>()
            ?? throw new SquareApiException(200, "API_ERROR", "INVALID_RESPONSE", "Square's response has no `access_token`.");
        return new SquareObtainedToken(token, body["refresh_token"]?.GetValue<string>() ?? refreshToken, Time(body["expires_at"]));
    }

    public Task RevokeTokenAsync(string clientId, string clientSecret, string accessToken, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, "oauth2/revoke", $"Client {clientSecret}",
            new JsonObject { ["client_id"] = clientId, ["access_token"] = accessToken }, cancellationToken);

    public async Task<SquareSubscription> CreateWebhookSubscriptionAsync(string accessToken, string notificationUrl, IReadOnlyList<string> eventTypes,
        string idempotencyKey, CancellationToken cancellationToken)
    {
        var body = await SendAsync(HttpMethod.Post, "v2/webhooks/subscriptions", $"Bearer {accessToken}", new JsonObject
        {
            ["idempotency_key"] = idempotencyKey,
            ["subscription"] = new JsonObject
            {
                ["name"] = "BookedBarber payments",
                ["event_types"] = new JsonArray(eventTypes.Select(e => (JsonNode?)JsonValue.Create(e)).ToArray()),
                ["notification_url"] = notificationUrl,
                ["api_version"] = SquareClientOptions.DefaultSquareVersion,
            },
        }, cancellationToken);
        var subscription = body["subscription"] as JsonObject;
        return new SquareSubscription(
            subscription?["id"]?.GetValue<string>() ?? throw new SquareApiException(200, "API_ERROR", "INVALID_RESPONSE", "Square's response has no `subscription.id`."),
            subscription["signature_key"]?.GetValue<string>() ?? throw new SquareApiException(200, "API_ERROR", "INVALID_RESPONSE", "Square's response has no `signature_key`."));
    }

    public async Task DeleteWebhookSubscriptionAsync(string accessToken, string subscriptionId, CancellationToken cancellationToken)
    {
        try
        {
            await SendAsync(HttpMethod.Delete, "v2/webhooks/subscriptions/" + Uri.EscapeDataString(subscriptionId), $"Bearer {accessToken}", null, cancellationToken);
        }
        catch (SquareApiException ex) when (ex.Status == 404)
        {
            // Already gone: what we wanted.
        }
    }

    private static DateTimeOffset? Time(JsonNode? node) =>
        node?.GetValue<string>() is { } text && DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var at) ? at : null;

    private async Task<JsonObject> SendAsync(HttpMethod method, string path, string? authorization, JsonObject? body, CancellationToken cancellationToken)
    {
        var baseAddress = BaseAddress.AbsoluteUri.EndsWith('/') ? BaseAddress : new Uri(BaseAddress.AbsoluteUri + "/");
        using var request = new HttpRequestMessage(method, new Uri(baseAddress, path));
        if (authorization is not null) request.Headers.TryAddWithoutValidation("Authorization", authorization);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.TryAddWithoutValidation("Square-Version", SquareClientOptions.DefaultSquareVersion);
        if (body is not null) request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        HttpResponseMessage response;
        string text;
        try
        {
            response = await httpClients.CreateClient("square").SendAsync(request, cancellationToken);
            text = await response.Content.ReadAsStringAsync(cancellationToken);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new SquareApiException(SquareApiException.NoResponse, "API_ERROR", "TIMEOUT", "The request to Square timed out.", innerException: e);
        }
        catch (HttpRequestException e)
        {
            throw new SquareApiException(SquareApiException.NoResponse, "API_ERROR", "CONNECTION_FAILED", e.Message, innerException: e);
        }
        using (response)
        {
            var status = (int)response.StatusCode;
            JsonObject? parsed = null;
            try { parsed = string.IsNullOrWhiteSpace(text) ? new JsonObject() : JsonNode.Parse(text) as JsonObject; }
            catch (JsonException) { }
            if (response.IsSuccessStatusCode)
                return parsed ?? throw new SquareApiException(status, "API_ERROR", "INVALID_RESPONSE", "Square returned malformed JSON.");
            if (parsed?["errors"] is JsonArray { Count: > 0 } errors && errors[0] is JsonObject first)
                throw new SquareApiException(status, first["category"]?.GetValue<string>() ?? "API_ERROR", first["code"]?.GetValue<string>() ?? "UNKNOWN",
                    first["detail"]?.GetValue<string>());
            // OAuth endpoints answer {"message":..,"type":..} rather than the v2 envelope.
            var code = parsed?["type"]?.GetValue<string>() ?? (status == 401 ? "UNAUTHORIZED" : status >= 500 ? "INTERNAL_SERVER_ERROR" : "BAD_REQUEST");
            throw new SquareApiException(status, status is 401 or 403 ? "AUTHENTICATION_ERROR" : status >= 500 ? "API_ERROR" : "INVALID_REQUEST_ERROR",
                code, parsed?["message"]?.GetValue<string>());
        }
    }
}
