using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace BookedBarber.ProcessorSimulators.Square;

// OAuth: sellers, the application each authorized, access tokens with expiry and scopes, refresh tokens,
// ObtainToken (refresh_token grant), RetrieveTokenStatus and RevokeToken.
public sealed partial class SquareSimulator
{
    /// <summary>Square's OAuth access tokens live 30 days.</summary>
    public static readonly TimeSpan AccessTokenLifetime = TimeSpan.FromDays(30);

    /// <summary>The scopes a seller grants by default: enough to take, read and refund payments and read locations.</summary>
    public static readonly IReadOnlyList<string> DefaultScopes =
        ["MERCHANT_PROFILE_READ", "PAYMENTS_READ", "PAYMENTS_WRITE", "ORDERS_READ", "CUSTOMERS_READ", "CUSTOMERS_WRITE"];

    /// <summary>The platform's Square application (SQUARE_APPLICATION_ID) that sellers authorize unless told otherwise.</summary>
    public const string PlatformApplicationId = "sandbox-sq0idb-bookedbarber-simulator";

    /// <summary>Its secret (SQUARE_APPLICATION_SECRET): ObtainToken and RevokeToken need it.</summary>
    public const string PlatformApplicationSecret = "sandbox-sq0csb-bookedbarber-simulator-secret";

    /// <summary>
    /// Registers a seller that authorized an OAuth application (the platform's, <see cref="PlatformApplicationId"/>,
    /// unless <paramref name="applicationId"/> and <paramref name="applicationSecret"/> name another), reachable with
    /// <paramref name="accessToken"/> (valid 30 days from now on the simulator's clock, <see cref="DefaultScopes"/>);
    /// its first location is its main location. <see cref="GetMerchant"/> gives its application and refresh token.
    /// </summary>
    /// <returns>The merchant id.</returns>
    public string AddMerchant(
        string accessToken,
        string locationId,
        string locationName,
        string currency = "USD",
        string country = "US",
        string? applicationId = null,
        string? applicationSecret = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(accessToken);
        ArgumentException.ThrowIfNullOrEmpty(locationId);
        lock (_gate)
        {
            if (_tokens.ContainsKey(accessToken))
            {
                throw new InvalidOperationException("That access token is already registered.");
            }

            if (_locationsById.ContainsKey(locationId))
            {
                throw new InvalidOperationException("That location id is already registered.");
            }

            var merchant = new SimMerchant("ML" + NewId(12), applicationId ?? PlatformApplicationId, applicationSecret ?? PlatformApplicationSecret, "EQAA" + NewId(60));
            _merchantsById[merchant.Id] = merchant;
            _merchantsByRefreshToken[merchant.RefreshToken] = merchant;
            var location = new SimLocation(locationId, locationName, currency, country, merchant.Id, Now());
            merchant.Locations.Add(location);
            _locationsById[locationId] = location;
            _tokens[accessToken] = new SimToken(accessToken, merchant, Now() + AccessTokenLifetime, DefaultScopes);
            return merchant.Id;
        }
    }

    /// <summary>
    /// Opens a new seller with a generated access token and main location, as a barber would in Square's dashboard.
    /// </summary>
    public SquareSimulatedMerchant OpenMerchant(string locationName, string currency = "USD", string country = "US")
    {
        var token = "EAAAl" + NewId(59);
        var locationId = "L" + NewId(12).ToUpperInvariant();
        var merchantId = AddMerchant(token, locationId, locationName, currency, country);
        return GetMerchant(merchantId) with { };
    }

    /// <summary>The seller owning <paramref name="merchantIdOrAccessToken"/> (a merchant id or any of its access tokens).</summary>
    public SquareSimulatedMerchant GetMerchant(string merchantIdOrAccessToken)
    {
        lock (_gate)
        {
            var merchant = FindMerchant(merchantIdOrAccessToken)
                ?? throw new KeyNotFoundException("No seller has that merchant id or access token.");
            return new SquareSimulatedMerchant(merchant.Id, merchant.ApplicationId, merchant.ApplicationSecret, merchant.RefreshToken,
                merchant.Locations[0].Id, merchant.Locations.Select(l => l.Id).ToList());
        }
    }

    /// <summary>
    /// Issues another access token for the seller (a merchant id or an access token of it), e.g. with fewer
    /// <paramref name="scopes"/> than <see cref="DefaultScopes"/> or a short <paramref name="lifetime"/>.
    /// </summary>
    public string IssueAccessToken(string merchantIdOrAccessToken, IEnumerable<string>? scopes = null, TimeSpan? lifetime = null)
    {
        lock (_gate)
        {
            var merchant = FindMerchant(merchantIdOrAccessToken)
                ?? throw new KeyNotFoundException("No seller has that merchant id or access token.");
            return Issue(merchant, scopes?.ToList() ?? DefaultScopes, lifetime ?? AccessTokenLifetime).Value;
        }
    }

    /// <summary>When the access token expires (null for an unknown token).</summary>
    public DateTimeOffset? TokenExpiresAt(string accessToken)
    {
        lock (_gate)
        {
            return _tokens.TryGetValue(accessToken, out var token) ? token.ExpiresAt : null;
        }
    }

    /// <summary>Makes this one token answer 401 ACCESS_TOKEN_REVOKED (the seller's other tokens keep working).</summary>
    public void RevokeToken(string accessToken)
    {
        lock (_gate)
        {
            _tokens[accessToken].Revoked = true;
        }
    }

    /// <summary>Makes the token answer 401 ACCESS_TOKEN_EXPIRED from now on (its expires_at becomes now).</summary>
    public void ExpireToken(string accessToken)
    {
        lock (_gate)
        {
            _tokens[accessToken].ExpiresAt = Now();
        }
    }

    private SimMerchant? FindMerchant(string merchantIdOrAccessToken) =>
        _merchantsById.TryGetValue(merchantIdOrAccessToken, out var merchant) ? merchant
        : _tokens.TryGetValue(merchantIdOrAccessToken, out var token) ? token.Merchant
        : null;

    private SimToken Issue(SimMerchant merchant, IReadOnlyList<string> scopes, TimeSpan lifetime)
    {
        var token = new SimToken("EAAAl" + NewId(59), merchant, Now() + lifetime, scopes);
        _tokens[token.Value] = token;
        return token;
    }

    // POST /oauth2/token — only the refresh_token grant (the code flow happens in the seller's browser).
    private async Task<IResult> ObtainTokenAsync(HttpContext http)
    {
        var body = await ReadObjectAsync(http);
        if (body is null)
        {
            return Error(400, "INVALID_REQUEST_ERROR", "BAD_REQUEST", "Invalid JSON in request body.");
        }

        foreach (var required in new[] { "client_id", "grant_type" })
        {
            if (string.IsNullOrEmpty(Str(body, required)))
            {
                return Error(400, "INVALID_REQUEST_ERROR", "MISSING_REQUIRED_PARAMETER", "Field must be set", required);
            }
        }

        if (Str(body, "grant_type") != "refresh_token")
        {
            return Error(400, "INVALID_REQUEST_ERROR", "BAD_REQUEST", "The simulator supports only grant_type `refresh_token`.", "grant_type");
        }

        if (string.IsNullOrEmpty(Str(body, "refresh_token")))
        {
            return Error(400, "INVALID_REQUEST_ERROR", "MISSING_REQUIRED_PARAMETER", "Field must be set", "refresh_token");
        }

        lock (_gate)
        {
            if (!_merchantsByRefreshToken.TryGetValue(Str(body, "refresh_token")!, out var merchant) || merchant.AuthorizationRevoked)
            {
                return Error(401, "AUTHENTICATION_ERROR", "UNAUTHORIZED", "Invalid refresh token.", "refresh_token");
            }

            if (merchant.ApplicationId != Str(body, "client_id") || merchant.ApplicationSecret != Str(body, "client_secret"))
            {
                return Error(401, "AUTHENTICATION_ERROR", "UNAUTHORIZED", "Invalid client_id or client_secret.", "client_secret");
            }

            var scopes = body["scopes"] is JsonArray requested
                ? requested.Select(s => s?.GetValue<string>()).OfType<string>().ToList()
                : DefaultScopes;
            var token = Issue(merchant, scopes, AccessTokenLifetime);
            return Json(200, new JsonObject
            {
                ["access_token"] = token.Value,
                ["token_type"] = "bearer",
                ["expires_at"] = Rfc3339Seconds(token.ExpiresAt),
                ["merchant_id"] = merchant.Id,
                ["refresh_token"] = merchant.RefreshToken,
                ["short_lived"] = false,
            });
        }
    }

    // POST /oauth2/token/status — Bearer token → scopes, expiry, seller and application.
    private IResult RetrieveTokenStatus(HttpContext http)
    {
        var (token, refusal) = Authenticate(http);
        if (refusal is not null)
        {
            return refusal;
        }

        return Json(200, new JsonObject
        {
            ["scopes"] = new JsonArray(token!.Scopes.Select(s => (JsonNode?)JsonValue.Create(s)).ToArray()),
            ["expires_at"] = Rfc3339Seconds(token.ExpiresAt),
            ["client_id"] = token.Merchant.ApplicationId,
            ["merchant_id"] = token.Merchant.Id,
        });
    }

    // POST /oauth2/revoke — "Authorization: Client APPLICATION_SECRET"; revokes every token of the seller for the
    // application (and its refresh token) unless revoke_only_access_token.
    private async Task<IResult> RevokeTokenAsync(HttpContext http)
    {
        var authorization = http.Request.Headers.Authorization.ToString();
        if (!authorization.StartsWith("Client ", StringComparison.Ordinal))
        {
            return Error(401, "AUTHENTICATION_ERROR", "UNAUTHORIZED", "The `Authorization` header must be `Client APPLICATION_SECRET`.");
        }

        var body = await ReadObjectAsync(http);
        if (body is null)
        {
            return Error(400, "INVALID_REQUEST_ERROR", "BAD_REQUEST", "Invalid JSON in request body.");
        }

        var accessToken = Str(body, "access_token");
        var merchantId = Str(body, "merchant_id");
        if (string.IsNullOrEmpty(accessToken) == string.IsNullOrEmpty(merchantId))
        {
            return Error(400, "INVALID_REQUEST_ERROR", "BAD_REQUEST", "Exactly one of `access_token` and `merchant_id` must be set.");
        }

        lock (_gate)
        {
            SimToken? token = null;
            var merchant = accessToken is { Length: > 0 }
                ? (_tokens.TryGetValue(accessToken, out token) ? token.Merchant : null)
                : _merchantsById.GetValueOrDefault(merchantId!);
            if (merchant is null || merchant.ApplicationId != Str(body, "client_id") || merchant.ApplicationSecret != authorization["Client ".Length..].Trim())
            {
                return Error(401, "AUTHENTICATION_ERROR", "UNAUTHORIZED", "This request could not be authorized.");
            }

            if (body["revoke_only_access_token"]?.GetValueKind() == JsonValueKind.True && token is not null)
            {
                token.Revoked = true;
            }
            else
            {
                merchant.AuthorizationRevoked = true;
            }

            return Json(200, new JsonObject { ["success"] = true });
        }
    }

    private static async Task<JsonObject?> ReadObjectAsync(HttpContext http)
    {
        try
        {
            return await JsonNode.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    // Square writes token expiry to the second ("2025-09-20T14:44:00Z").
    private static string Rfc3339Seconds(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
