using System.Text.Json.Serialization;

namespace BookedBarber.Payments.Processors.Square;

/// <summary>Square's <c>RetrieveTokenStatusResponse</c>: what an access token may do, until when, for whom.</summary>
public sealed record SquareTokenStatus
{
    /// <summary>e.g. PAYMENTS_READ, PAYMENTS_WRITE, MERCHANT_PROFILE_READ.</summary>
    [JsonPropertyName("scopes")]
    public IReadOnlyList<string>? Scopes { get; init; }

    /// <summary>Null when the token never expires (a personal access token).</summary>
    [JsonPropertyName("expires_at")]
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>The application (client id) the token was issued to.</summary>
    [JsonPropertyName("client_id")]
    public string? ClientId { get; init; }

    [JsonPropertyName("merchant_id")]
    public string? MerchantId { get; init; }

    /// <summary>True when every one of <paramref name="required"/> is among <see cref="Scopes"/>.</summary>
    public bool HasScopes(params IEnumerable<string> required) => required.All(s => Scopes?.Contains(s) == true);
}
