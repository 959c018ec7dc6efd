using BookedBarber.Payments.Processors.Square;

namespace BookedBarber.Payments.Connections;

/// <summary>
/// The Square calls a connection's life needs (token status, location, refresh, revoke, webhook subscriptions).
/// Failures throw <see cref="SquareApiException"/>. An interface so the connection logic does not care whether the
/// calls come from our <see cref="SquareClient"/> or a stand-in.
/// </summary>
public interface ISquareConnectionApi
{
    /// <summary>RetrieveTokenStatus (POST /oauth2/token/status): the token's scopes and expiry; 401 when expired or revoked.</summary>
    Task<SquareTokenStatus> GetTokenStatusAsync(string accessToken, CancellationToken cancellationToken);

    /// <summary>RetrieveLocation (GET /v2/locations/{id}).</summary>
    Task<SquareLocation> GetLocationAsync(string accessToken, string locationId, CancellationToken cancellationToken);

    /// <summary>ObtainToken with grant_type refresh_token: a new access token (30 days).</summary>
    Task<SquareObtainedToken> RefreshTokenAsync(string clientId, string clientSecret, string refreshToken, CancellationToken cancellationToken);

    /// <summary>RevokeToken (POST /oauth2/revoke) of the seller's authorization.</summary>
    Task RevokeTokenAsync(string clientId, string clientSecret, string accessToken, CancellationToken cancellationToken);

    /// <summary>CreateWebhookSubscription: returns the subscription with its signature key.</summary>
    Task<SquareSubscription> CreateWebhookSubscriptionAsync(string accessToken, string notificationUrl, IReadOnlyList<string> eventTypes,
        string idempotencyKey, CancellationToken cancellationToken);

    /// <summary>DeleteWebhookSubscription; a subscription already gone (404) counts as deleted.</summary>
    Task DeleteWebhookSubscriptionAsync(string accessToken, string subscriptionId, CancellationToken cancellationToken);
}
