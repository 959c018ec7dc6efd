using BookedBarber.Payments.Security;
using Microsoft.Extensions.Configuration;

namespace BookedBarber.Payments.Configuration;

/// <summary>The application's settings, read once from configuration (app settings or environment).</summary>
public sealed record PaymentsSettings(
    string? StorageConnectionString,
    Uri? TableServiceUri,
    Uri? QueueServiceUri,
    string? StorageClientId,
    string StorageNamePrefix,
    AuthSettings Auth,
    IReadOnlyDictionary<string, int> RateLimitOverrides,
    string? CredentialKeyRing = null,
    string? StripeSecretKey = null,
    string? StripeApiBase = null,
    Uri? SquareApiBase = null,
    IReadOnlyList<string>? CorsAllowedOrigins = null,
    decimal MaxTipRate = PaymentsSettings.DefaultMaxTipRate,
    TimeSpan? SyncRescanWindow = null,
    string? StripeWebhookSecret = null)
{
    public string? SquareApplicationId { get; init; }

    public string? SquareApplicationSecret { get; init; }

    /// <summary>Where the API is reached from outside (webhook URLs); null: the creating request's own scheme and host.</summary>
    public Uri? PublicBaseUrl { get; init; }

    public const decimal DefaultMaxTipRate = 1.00m;

    public const string DefaultIssuer = "bookedbarber-payments-dev";
    public const string DefaultAudience = "bookedbarber-payments";

    public static PaymentsSettings From(IConfiguration configuration)
    {
        // An unresolved Key Vault reference (the secret was never stored) is no value at all, never a key.
        string? Get(string name) => configuration[name] is { Length: > 0 } value && !value.StartsWith("@Microsoft.KeyVault(", StringComparison.OrdinalIgnoreCase) ? value : null;

        var signingKey = Get(SettingNames.AuthSigningKey);
        var jwks = Get(SettingNames.AuthJwksUrl);
        if (signingKey is null && jwks is null)
            throw new InvalidOperationException($"Set {SettingNames.AuthSigningKey} (HS256, local) or {SettingNames.AuthJwksUrl} (RS256) to accept bearer tokens.");

        var auth = new AuthSettings(
            Get(SettingNames.AuthIssuer) ?? DefaultIssuer,
            Get(SettingNames.AuthAudience) ?? DefaultAudience,
            jwks is null ? DecodeKey(signingKey!) : null,
            jwks is null ? null : new Uri(jwks))
        {
            MaxTokenLifetime = Seconds(Get(SettingNames.AuthMaxTokenLifetime), SettingNames.AuthMaxTokenLifetime) ?? AuthSettings.DefaultMaxTokenLifetime,
        };

        var overrides = configuration.AsEnumerable()
            .Where(kv => kv.Key.StartsWith(SettingNames.RateLimitPrefix, StringComparison.OrdinalIgnoreCase) && int.TryParse(kv.Value, out _))
            .ToDictionary(kv => kv.Key[SettingNames.RateLimitPrefix.Length..].ToLowerInvariant(), kv => int.Parse(kv.Value!), StringComparer.OrdinalIgnoreCase);

        return new PaymentsSettings(
            Get(SettingNames.StorageConnection) ?? Get(SettingNames.StorageConnectionAlternate),
            Get(SettingNames.StorageTableServiceUri) is { } t ? new Uri(t) : null,
            Get(SettingNames.StorageQueueServiceUri) is { } q ? new Uri(q) : null,
            Get(SettingNames.StorageClientId),
            Get(SettingNames.StorageNamePrefix) ?? "",
            auth,
            overrides,
            Get(SettingNames.CredentialEncryptionKeys),
            Get(SettingNames.StripeSecretKey),
            Get(SettingNames.StripeApiBase),
            Get(SettingNames.SquareApiBase) is { } square ? new Uri(square) : null,
            Get(SettingNames.CorsAllowedOrigins)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [],
            Get(SettingNames.MaxTipRate) is { } tip ? Rate(tip, SettingNames.MaxTipRate) : DefaultMaxTipRate,
            Seconds(Get(SettingNames.SyncRescanWindow), SettingNames.SyncRescanWindow),
            Get(SettingNames.StripeWebhookSecret))
        {
            SquareApplicationId = Get(SettingNames.SquareApplicationId),
            SquareApplicationSecret = Get(SettingNames.SquareApplicationSecret),
            PublicBaseUrl = Get(SettingNames.PublicBaseUrl) is { } publicBase
                ? Uri.TryCreate(publicBase.TrimEnd('/'), UriKind.Absolute, out var parsed) && parsed.Scheme is "https" or "http"
                    ? parsed
                    : throw new InvalidOperationException($"{SettingNames.PublicBaseUrl} must be an absolute http(s) URL such as https://api.bookedbarber.com.")
                : null,
        };
    }

    /// <summary>A non-negative decimal rate written plainly (<c>1.00</c>, <c>0.5</c>).</summary>
    public static decimal Rate(string value, string name) =>
        decimal.TryParse(value, System.Globalization.NumberStyles.AllowDecimalPoint, System.Globalization.CultureInfo.InvariantCulture, out var rate) && rate <= 100
            ? rate
            : throw new InvalidOperationException($"{name} must be a non-negative decimal such as 1.00.");

    /// <summary>A positive whole number of seconds, or null when unset.</summary>
    public static TimeSpan? Seconds(string? value, string name)
    {
        if (value is null) return null;
        return int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds) && seconds > 0
            ? TimeSpan.FromSeconds(seconds)
            : throw new InvalidOperationException($"{name} must be a positive whole number of seconds.");
    }

    /// <summary>A signing key is base64 (as generated by the dev host) or, failing that, UTF-8 text of at least 32 bytes.</summary>
    public static byte[] DecodeKey(string value)
    {
        byte[] key;
        try { key = Convert.FromBase64String(value); }
        catch (FormatException) { key = System.Text.Encoding.UTF8.GetBytes(value); }
        if (key.Length < 32) throw new InvalidOperationException($"{SettingNames.AuthSigningKey} must hold at least 256 bits.");
        return key;
    }
}
