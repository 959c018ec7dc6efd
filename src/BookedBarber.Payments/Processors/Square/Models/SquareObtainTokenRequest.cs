using System.Text.Json.Serialization;

namespace BookedBarber.Payments.Processors.Square;

/// <summary>The body of Square's <c>ObtainToken</c> (POST /oauth2/token) for the refresh_token grant.</summary>
internal sealed record SquareObtainTokenRequest(
    [property: JsonPropertyName("client_id")] string ClientId,
    [property: JsonPropertyName("client_secret")] string ClientSecret,
    [property: JsonPropertyName("grant_type")] string GrantType,
    [property: JsonPropertyName("refresh_token")] string RefreshToken,
    [property: JsonPropertyName("scopes")] IReadOnlyList<string>? Scopes);
