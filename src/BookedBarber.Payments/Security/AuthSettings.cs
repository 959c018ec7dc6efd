namespace BookedBarber.Payments.Security;

/// <summary>
/// How bearer tokens are checked: HS256 with a shared key (local development), or RS256 against a JWKS
/// (production identity provider). Exactly one of <see cref="SigningKey"/> and <see cref="JwksUrl"/> is set.
/// </summary>
public sealed record AuthSettings(string Issuer, string Audience, byte[]? SigningKey, Uri? JwksUrl)
{
    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);

    public static readonly TimeSpan DefaultMaxTokenLifetime = TimeSpan.FromHours(24);

    /// <summary>The longest a token may live (exp - iat); a longer-lived token is refused, however it was signed.</summary>
    public TimeSpan MaxTokenLifetime { get; init; } = DefaultMaxTokenLifetime;
}
