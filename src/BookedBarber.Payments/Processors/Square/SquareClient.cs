using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace BookedBarber.Payments.Processors.Square;

/// <summary>
/// Our client for the part of Square's v2 API we use (Payments, Locations), over an injected <see cref="HttpClient"/>
/// so the application can add resilience handlers. Each call takes the seller's OAuth access token, since every
/// barber connects their own Square account. Failures throw <see cref="SquareApiException"/>; members are virtual
/// so tests can mock them.
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
        var response = await SendAsync<SquarePaymentResponse>(HttpMethod.Post, "v2/payments", accessToken, request, cancellationToken)
            .ConfigureAwait(false);
        return response.Payment ?? throw MissingField("payment");
    }

    /// <summary>GetPayment (GET /v2/payments/{payment_id}).</summary>
    public virtual async Task<SquarePayment> GetPaymentAsync(string accessToken, string paymentId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(paymentId);
        var response = await SendAsync<SquarePaymentResponse>(
                HttpMethod.Get, "v2/payments/" + Uri.EscapeDataString(paymentId), accessToken, null, cancellationToken)
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
                        HttpMethod.Get, "v2/payments" + ListPaymentsQuery(options, cursor), accessToken, null, ct)
                    .ConfigureAwait(false);
                return new SquarePage<SquarePayment>(response.Payments ?? [], string.IsNullOrEmpty(response.Cursor) ? null : response.Cursor);
            },
            cancellationToken);
    }

    /// <summary>ListLocations (GET /v2/locations): all of the seller's locations.</summary>
    public virtual async Task<IReadOnlyList<SquareLocation>> ListLocationsAsync(string accessToken, CancellationToken cancellationToken = default)
    {
        var response = await SendAsync<SquareListLocationsResponse>(HttpMethod.Get, "v2/locations", accessToken, null, cancellationToken)
            .ConfigureAwait(false);
        return response.Locations ?? [];
    }

    /// <summary>RetrieveLocation (GET /v2/locations/{location_id}); "main" returns the seller's main location.</summary>
    public virtual async Task<SquareLocation> GetLocationAsync(string accessToken, string locationId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(locationId);
        var response = await SendAsync<SquareLocationResponse>(
                HttpMethod.Get, "v2/locations/" + Uri.EscapeDataString(locationId), accessToken, null, cancellationToken)
            .ConfigureAwait(false);
        return response.Location ?? throw MissingField("location");
    }

    private static string ListPaymentsQuery(SquareListPaymentsOptions options, string? cursor)
    {
        var query = new StringBuilder();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                query.Append(query.Length == 0 ? '?' : '&').Append(name).Append('=').Append(Uri.EscapeDataString(value));
            }
        }

        Add("begin_time", options.BeginTime is { } begin ? Rfc3339(begin) : null);
        Add("end_time", options.EndTime is { } end ? Rfc3339(end) : null);
        Add("sort_order", options.SortOrder);
        Add("location_id", options.LocationId);
        Add("limit", options.Limit?.ToString(CultureInfo.InvariantCulture));
        Add("cursor", cursor);
        return query.ToString();
    }

    private static string Rfc3339(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private async Task<TResponse> SendAsync<TResponse>(
        HttpMethod method,
        string relativePath,
        string accessToken,
        object? body,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(accessToken);
        using var request = new HttpRequestMessage(method, new Uri(BaseAddressWithSlash(), relativePath));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
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
