using System.Text.Json.Serialization;

namespace BookedBarber.Payments.Processors.Square;

/// <summary>Square's <c>ObtainTokenResponse</c>: a new access token (30 days) and the refresh token to use next time.</summary>
public sealed record SquareObtainTokenResponse
{
    [JsonPropertyName("access_token")]
    public required string AccessToken { get; init; }

    /// <summary>Always "bearer".</summary>
    [JsonPropertyName("token_type")]
    public string? TokenType { get; init; }

    [JsonPropertyName("expires_at")]
    public DateTimeOffset? ExpiresAt { get; init; }

    [JsonPropertyName("merchant_id")]
    public string? MerchantId { get; init; }

    /// <summary>The code flow returns the same refresh token; PKCE a new one. Keep whichever comes back.</summary>
    [JsonPropertyName("refresh_token")]
    public string? RefreshToken { get; init; }

    [JsonPropertyName("short_lived")]
    public bool? ShortLived { get; init; }

    [JsonPropertyName("refresh_token_expires_at")]
    public DateTimeOffset? RefreshTokenExpiresAt { get; init; }
}
