using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace BookedBarber.Payments.Processors.Square;

/// <summary>
/// Our client for the part of Square's API we use (OAuth token refresh/status/revoke, Payments, Refunds, Locations,
/// webhook subscriptions), over an injected <see cref="HttpClient"/> so the application can add resilience handlers.
/// Each call takes the seller's OAuth access token, since every barber connects their own Square account (OAuth's
/// refresh and revoke take the application's credentials instead). Failures throw <see cref="SquareApiException"/>;
/// members are virtual so tests can mock them.
/// </summary>
public class SquareClient
{
    internal static readonly JsonSerializerOptions SerializerOptions = new(JsonSerializerDefaults.General)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
    };

    private readonly HttpClient _httpClient = null!;
    private readonly SquareClientOptions _options = null!;

    /// <summary>For mocking.</summary>
    protected SquareClient()
    {
    }

    public SquareClient(HttpClient httpClient, SquareClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        _httpClient = httpClient;
        _options = options ?? new SquareClientOptions();
    }

    /// <summary>CreatePayment (POST /v2/payments). A retry with the same idempotency key returns the same payment.</summary>
    /// <exception cref="SquareApiException">A decline (with the FAILED <see cref="SquareApiException.Payment"/>), invalid request, auth or server failure.</exception>
    public virtual async Task<SquarePayment> CreatePaymentAsync(
        string accessToken,
        SquareCreatePaymentRequest request,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrEmpty(request.IdempotencyKey);
        var response = await SendAsync<SquarePaymentResponse>(HttpMethod.Post, "v2/payments", Bearer(accessToken), request, cancellationToken)
            .ConfigureAwait(false);
        return response.Payment ?? throw MissingField("payment");
    }

    /// <summary>GetPayment (GET /v2/payments/{payment_id}).</summary>
    public virtual async Task<SquarePayment> GetPaymentAsync(string accessToken, string paymentId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(paymentId);
        var response = await SendAsync<SquarePaymentResponse>(
                HttpMethod.Get, "v2/payments/" + Uri.EscapeDataString(paymentId), Bearer(accessToken), null, cancellationToken)
            .ConfigureAwait(false);
        return response.Payment ?? throw MissingField("payment");
    }

    /// <summary>
    /// ListPayments (GET /v2/payments), following Square's cursor across pages of at most 100. Nothing is fetched
    /// until enumerated. Square's list is eventually consistent; re-scan a recent window when syncing.
    /// </summary>
    public virtual SquarePageable<SquarePayment> ListPaymentsAsync(
        string accessToken,
        SquareListPaymentsOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(accessToken);
        options ??= new SquareListPaymentsOptions();
        return new SquarePageable<SquarePayment>(
            async (cursor, ct) =>
            {
                var response = await SendAsync<SquareListPaymentsResponse>(
                        HttpMethod.Get, "v2/payments" + ListPaymentsQuery(options, cursor), Bearer(accessToken), null, ct)
                    .ConfigureAwait(false);
                return new SquarePage<SquarePayment>(response.Payments ?? [], string.IsNullOrEmpty(response.Cursor) ? null : response.Cursor);
            },
            cancellationToken);
    }

    /// <summary>ListLocations (GET /v2/locations): all of the seller's locations.</summary>
    public virtual async Task<IReadOnlyList<SquareLocation>> ListLocationsAsync(string accessToken, CancellationToken cancellationToken = default)
    {
        var response = await SendAsync<SquareListLocationsResponse>(HttpMethod.Get, "v2/locations", Bearer(accessToken), null, cancellationToken)
            .ConfigureAwait(false);
        return response.Locations ?? [];
    }

    /// <summary>RetrieveLocation (GET /v2/locations/{location_id}); "main" returns the seller's main location.</summary>
    public virtual async Task<SquareLocation> GetLocationAsync(string accessToken, string locationId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(locationId);
        var response = await SendAsync<SquareLocationResponse>(
                HttpMethod.Get, "v2/locations/" + Uri.EscapeDataString(locationId), Bearer(accessToken), null, cancellationToken)
            .ConfigureAwait(false);
        return response.Location ?? throw MissingField("location");
    }

    /// <summary>
    /// RetrieveTokenStatus (POST /oauth2/token/status): the token's scopes, expiry, seller and application.
    /// An expired or revoked token throws 401 (ACCESS_TOKEN_EXPIRED, ACCESS_TOKEN_REVOKED or UNAUTHORIZED).
    /// </summary>
    public virtual Task<SquareTokenStatus> GetTokenStatusAsync(string accessToken, CancellationToken cancellationToken = default) =>
        SendAsync<SquareTokenStatus>(HttpMethod.Post, "oauth2/token/status", Bearer(accessToken), new { }, cancellationToken);

    /// <summary>
    /// ObtainToken with grant_type=refresh_token (POST /oauth2/token): a new access token valid 30 days. The old one
    /// keeps working until it expires. Keep the returned refresh token (the same one with the code flow).
    /// </summary>
    public virtual Task<SquareObtainTokenResponse> RefreshTokenAsync(
        string clientId,
        string clientSecret,
        string refreshToken,
        IReadOnlyList<string>? scopes = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(clientId);
        ArgumentException.ThrowIfNullOrEmpty(clientSecret);
        ArgumentException.ThrowIfNullOrEmpty(refreshToken);
        return SendAsync<SquareObtainTokenResponse>(
            HttpMethod.Post, "oauth2/token", null, new SquareObtainTokenRequest(clientId, clientSecret, "refresh_token", refreshToken, scopes), cancellationToken);
    }

    /// <summary>
    /// RevokeToken (POST /oauth2/revoke, "Authorization: Client {secret}"): ends the seller's authorization of the
    /// application — every access token and the refresh token — or only <paramref name="accessToken"/> with
    /// <paramref name="revokeOnlyAccessToken"/>. Name the seller by access token or by merchant id.
    /// </summary>
    /// <returns>Square's <c>success</c>.</returns>
    public virtual async Task<bool> RevokeTokenAsync(
        string clientId,
        string clientSecret,
        string? accessToken = null,
        string? merchantId = null,
        bool revokeOnlyAccessToken = false,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(clientId);
        ArgumentException.ThrowIfNullOrEmpty(clientSecret);
        if (string.IsNullOrEmpty(accessToken) == string.IsNullOrEmpty(merchantId))
        {
            throw new ArgumentException("Name exactly one of accessToken and merchantId.");
        }

        var response = await SendAsync<SquareRevokeTokenResponse>(
                HttpMethod.Post,
                "oauth2/revoke",
                new AuthenticationHeaderValue("Client", clientSecret),
                new SquareRevokeTokenRequest(clientId, accessToken, merchantId, revokeOnlyAccessToken ? true : null),
                cancellationToken)
            .ConfigureAwait(false);
        return response.Success == true;
    }

    /// <summary>
    /// CreateWebhookSubscription (POST /v2/webhooks/subscriptions): Square answers with the subscription's id and the
    /// <see cref="SquareWebhookSubscription.SignatureKey"/> its notifications are signed with.
    /// </summary>
    public virtual async Task<SquareWebhookSubscription> CreateWebhookSubscriptionAsync(
        string accessToken,
        SquareCreateWebhookSubscriptionRequest request,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrEmpty(request.Subscription.NotificationUrl);
        var response = await SendAsync<SquareWebhookSubscriptionResponse>(
                HttpMethod.Post, "v2/webhooks/subscriptions", Bearer(accessToken), request, cancellationToken)
            .ConfigureAwait(false);
        return response.Subscription ?? throw MissingField("subscription");
    }

    /// <summary>DeleteWebhookSubscription (DELETE /v2/webhooks/subscriptions/{subscription_id}); 404 NOT_FOUND when it is gone.</summary>
    public virtual async Task DeleteWebhookSubscriptionAsync(string accessToken, string subscriptionId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(subscriptionId);
        await SendAsync<SquareEmptyResponse>(
                HttpMethod.Delete, "v2/webhooks/subscriptions/" + Uri.EscapeDataString(subscriptionId), Bearer(accessToken), null, cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>ListWebhookSubscriptions (GET /v2/webhooks/subscriptions), enabled ones unless <paramref name="includeDisabled"/>.</summary>
    public virtual SquarePageable<SquareWebhookSubscription> ListWebhookSubscriptionsAsync(
        string accessToken,
        bool includeDisabled = false,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(accessToken);
        return new SquarePageable<SquareWebhookSubscription>(
            async (cursor, ct) =>
            {
                var query = new QueryString();
                query.Add("include_disabled", includeDisabled ? "true" : null);
                query.Add("cursor", cursor);
                var response = await SendAsync<SquareListWebhookSubscriptionsResponse>(
                        HttpMethod.Get, "v2/webhooks/subscriptions" + query, Bearer(accessToken), null, ct)
                    .ConfigureAwait(false);
                return new SquarePage<SquareWebhookSubscription>(response.Subscriptions ?? [], string.IsNullOrEmpty(response.Cursor) ? null : response.Cursor);
            },
            cancellationToken);
    }

    /// <summary>
    /// RefundPayment (POST /v2/refunds): the refund starts PENDING and completes later (refund.updated tells).
    /// A retry with the same idempotency key returns the same refund.
    /// </summary>
    public virtual async Task<SquarePaymentRefund> CreateRefundAsync(
        string accessToken,
        SquareRefundPaymentRequest request,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrEmpty(request.IdempotencyKey);
        var response = await SendAsync<SquareRefundResponse>(HttpMethod.Post, "v2/refunds", Bearer(accessToken), request, cancellationToken)
            .ConfigureAwait(false);
        return response.Refund ?? throw MissingField("refund");
    }

    /// <summary>GetPaymentRefund (GET /v2/refunds/{refund_id}).</summary>
    public virtual async Task<SquarePaymentRefund> GetRefundAsync(string accessToken, string refundId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(refundId);
        var response = await SendAsync<SquareRefundResponse>(
                HttpMethod.Get, "v2/refunds/" + Uri.EscapeDataString(refundId), Bearer(accessToken), null, cancellationToken)
            .ConfigureAwait(false);
        return response.Refund ?? throw MissingField("refund");
    }

    /// <summary>ListPaymentRefunds (GET /v2/refunds), following the cursor; all locations unless one is named.</summary>
    public virtual SquarePageable<SquarePaymentRefund> ListRefundsAsync(
        string accessToken,
        SquareListRefundsOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(accessToken);
        options ??= new SquareListRefundsOptions();
        return new SquarePageable<SquarePaymentRefund>(
            async (cursor, ct) =>
            {
                var query = new QueryString();
                query.Add("begin_time", options.BeginTime is { } begin ? Rfc3339(begin) : null);
                query.Add("end_time", options.EndTime is { } end ? Rfc3339(end) : null);
                query.Add("sort_order", options.SortOrder);
                query.Add("location_id", options.LocationId);
                query.Add("status", options.Status);
                query.Add("limit", options.Limit?.ToString(CultureInfo.InvariantCulture));
                query.Add("cursor", cursor);
                var response = await SendAsync<SquareListRefundsResponse>(HttpMethod.Get, "v2/refunds" + query, Bearer(accessToken), null, ct)
                    .ConfigureAwait(false);
                return new SquarePage<SquarePaymentRefund>(response.Refunds ?? [], string.IsNullOrEmpty(response.Cursor) ? null : response.Cursor);
            },
            cancellationToken);
    }

    /// <summary>Reads a webhook notification's body (after its signature was verified) with the client's JSON rules.</summary>
    /// <exception cref="JsonException">The body is not a Square notification.</exception>
    public static SquareWebhookNotification ParseNotification(string body) =>
        JsonSerializer.Deserialize<SquareWebhookNotification>(body, SerializerOptions) ?? throw new JsonException("The notification body is null.");

    private static string ListPaymentsQuery(SquareListPaymentsOptions options, string? cursor)
    {
        var query = new QueryString();
        query.Add("begin_time", options.BeginTime is { } begin ? Rfc3339(begin) : null);
        query.Add("end_time", options.EndTime is { } end ? Rfc3339(end) : null);
        query.Add("sort_order", options.SortOrder);
        query.Add("location_id", options.LocationId);
        query.Add("limit", options.Limit?.ToString(CultureInfo.InvariantCulture));
        query.Add("cursor", cursor);
        return query.ToString();
    }

    /// <summary>A query string of the values that are set, escaped.</summary>
    private sealed class QueryString
    {
        private readonly StringBuilder _text = new();

        public void Add(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                _text.Append(_text.Length == 0 ? '?' : '&').Append(name).Append('=').Append(Uri.EscapeDataString(value));
            }
        }

        public override string ToString() => _text.ToString();
    }

    private static AuthenticationHeaderValue Bearer(string accessToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(accessToken);
        return new AuthenticationHeaderValue("Bearer", accessToken);
    }

    private static string Rfc3339(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private async Task<TResponse> SendAsync<TResponse>(
        HttpMethod method,
        string relativePath,
        AuthenticationHeaderValue? authorization,
        object? body,
        CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(BaseAddressWithSlash(), relativePath));
        request.Headers.Authorization = authorization;
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.TryAddWithoutValidation("Square-Version", _options.SquareVersion);
        if (body is not null)
        {
            request.Content = new StringContent(JsonSerializer.Serialize(body, body.GetType(), SerializerOptions), Encoding.UTF8, "application/json");
        }

        HttpResponseMessage response;
        string text;
        try
        {
            response = await _httpClient.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
            text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
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
            if (!response.IsSuccessStatusCode)
            {
                throw CreateException(status, text);
            }

            try
            {
                return JsonSerializer.Deserialize<TResponse>(text, SerializerOptions)
                    ?? throw new SquareApiException(status, "API_ERROR", "INVALID_RESPONSE", "Square returned an empty body.");
            }
            catch (JsonException e)
            {
                throw new SquareApiException(status, "API_ERROR", "INVALID_RESPONSE", "Square returned malformed JSON: " + e.Message, innerException: e);
            }
        }
    }

    private Uri BaseAddressWithSlash()
    {
        var baseAddress = _options.BaseAddress;
        return baseAddress.AbsoluteUri.EndsWith('/') ? baseAddress : new Uri(baseAddress.AbsoluteUri + "/");
    }

    private static SquareApiException CreateException(int status, string text)
    {
        SquareErrorResponse? envelope = null;
        try
        {
            envelope = string.IsNullOrWhiteSpace(text) ? null : JsonSerializer.Deserialize<SquareErrorResponse>(text, SerializerOptions);
        }
        catch (JsonException)
        {
            // Not Square's envelope (e.g. a proxy's HTML page); fall back to the status code.
        }

        if (envelope?.Errors is [var first, ..] errors)
        {
            return new SquareApiException(status, first.Category, first.Code, first.Detail, errors, envelope.Payment);
        }

        var (category, code) = status switch
        {
            400 => ("INVALID_REQUEST_ERROR", "BAD_REQUEST"),
            401 => ("AUTHENTICATION_ERROR", "UNAUTHORIZED"),
            403 => ("AUTHENTICATION_ERROR", "FORBIDDEN"),
            404 => ("INVALID_REQUEST_ERROR", "NOT_FOUND"),
            429 => ("RATE_LIMIT_ERROR", "RATE_LIMITED"),
            503 => ("API_ERROR", "SERVICE_UNAVAILABLE"),
            504 => ("API_ERROR", "GATEWAY_TIMEOUT"),
            >= 500 => ("API_ERROR", "INTERNAL_SERVER_ERROR"),
            _ => ("INVALID_REQUEST_ERROR", "BAD_REQUEST"),
        };
        var detail = text.Length > 200 ? text[..200] : text;
        return new SquareApiException(status, category, code, string.IsNullOrWhiteSpace(detail) ? null : detail, payment: envelope?.Payment);
    }

    private static SquareApiException MissingField(string name) =>
        new(200, "API_ERROR", "INVALID_RESPONSE", $"Square's response has no `{name}`.");
}
