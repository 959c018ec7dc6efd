using System.Text.Json.Serialization;

namespace BookedBarber.Payments.Processors.Square;

/// <summary>The body of Square's <c>RevokeToken</c> (POST /oauth2/revoke).</summary>
internal sealed record SquareRevokeTokenRequest(
    [property: JsonPropertyName("client_id")] string ClientId,
    [property: JsonPropertyName("access_token")] string? AccessToken,
    [property: JsonPropertyName("merchant_id")] string? MerchantId,
    [property: JsonPropertyName("revoke_only_access_token")] bool? RevokeOnlyAccessToken);
