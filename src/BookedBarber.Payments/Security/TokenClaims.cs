using System.Globalization;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace BookedBarber.Payments.Security;

/// <summary>
/// Reads a signature-checked token's header and claims from their JSON, strictly: a claim of the wrong JSON type is
/// a bad token (401), never a claim to ignore, because ignoring one widens what the token grants (an unreadable
/// <c>shop_id</c> would drop the shop scope; an empty <c>permissions</c> would fall back to the role's defaults).
/// </summary>
public static class TokenClaims
{
    private static readonly JsonDocumentOptions Strict = new() { MaxDepth = 16, AllowDuplicateProperties = false };

    public static Caller Read(JsonWebToken token, TimeSpan maxLifetime, DateTimeOffset now)
    {
        using var header = Parse(token.EncodedHeader);
        // No header extension is understood here, so any critical one makes the token unusable (RFC 7515 §4.1.11).
        if (header.RootElement.TryGetProperty("crit", out _))
            throw JwtAuthenticator.Reject("The token names critical header extensions this API does not understand.");

        using var payload = Parse(token.EncodedPayload);
        var claims = payload.RootElement;
        if (claims.ValueKind != JsonValueKind.Object) throw JwtAuthenticator.Reject("The token's payload is not a JSON object.");

        CheckIssuedAt(claims, maxLifetime, now);

        var userId = PositiveId(claims, "sub") ?? throw JwtAuthenticator.Reject("The token's sub claim must be a positive integer user id.");
        var role = claims.TryGetProperty("role", out var r) && r.ValueKind == JsonValueKind.String && Roles.All.Contains(r.GetString()!)
            ? r.GetString()!
            : throw JwtAuthenticator.Reject("The token's role claim must be one of " + string.Join(", ", Roles.All) + ".");
        var email = claims.TryGetProperty("email", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null;
        return new Caller(userId, email, role, Granted(claims, role), PositiveId(claims, "shop_id"));
    }

    /// <summary>A present <c>permissions</c> claim is the whole grant, even when empty; only an absent one means the role's defaults.</summary>
    private static IReadOnlySet<string> Granted(JsonElement claims, string role)
    {
        if (!claims.TryGetProperty("permissions", out var permissions)) return Permissions.ForRole(role).ToHashSet(StringComparer.Ordinal);
        return permissions.ValueKind switch
        {
            JsonValueKind.String => new HashSet<string>([permissions.GetString()!], StringComparer.Ordinal),
            JsonValueKind.Array when permissions.EnumerateArray().All(p => p.ValueKind == JsonValueKind.String) =>
                permissions.EnumerateArray().Select(p => p.GetString()!).ToHashSet(StringComparer.Ordinal),
            _ => throw JwtAuthenticator.Reject("The token's permissions claim must be an array of strings."),
        };
    }

    /// <summary>
    /// An integer id claim: absent is null; present, it must be a positive integer written plainly (<c>2</c> or
    /// <c>"2"</c>, never <c>2.0</c>, <c>-2</c>, <c>""</c>, <c>null</c> or an object), else the token is refused.
    /// </summary>
    private static int? PositiveId(JsonElement claims, string name)
    {
        if (!claims.TryGetProperty(name, out var value)) return null;
        var text = value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        };
        if (text is { Length: > 0 and <= 10 } && text[0] != '0' && text.All(char.IsAsciiDigit)
            && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            return id;
        throw JwtAuthenticator.Reject($"The token's {name} claim must be a positive integer.");
    }

    /// <summary><c>iat</c> may not lie in the future beyond the skew, and a token may not live longer than the configured maximum.</summary>
    private static void CheckIssuedAt(JsonElement claims, TimeSpan maxLifetime, DateTimeOffset now)
    {
        var expires = UnixTime(claims, "exp") ?? throw JwtAuthenticator.Reject("The token has no expiry.");
        var issuedAt = UnixTime(claims, "iat");
        if (issuedAt > now + AuthSettings.ClockSkew) throw JwtAuthenticator.Reject("The token's iat lies in the future.");
        // Without iat the lifetime is counted from now: such a token may still not outlive the maximum.
        if (expires - (issuedAt ?? now) > maxLifetime)
            throw JwtAuthenticator.Reject($"The token's lifetime exceeds the maximum of {maxLifetime.TotalSeconds:0} seconds.");
    }

    private static DateTimeOffset? UnixTime(JsonElement claims, string name)
    {
        if (!claims.TryGetProperty(name, out var value)) return null;
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var seconds) && seconds is >= 0 and < 253_402_300_800)
            return DateTimeOffset.FromUnixTimeSeconds(seconds);
        throw JwtAuthenticator.Reject($"The token's {name} claim must be a NumericDate.");
    }

    private static JsonDocument Parse(string encoded)
    {
        try
        {
            return JsonDocument.Parse(Base64UrlEncoder.DecodeBytes(encoded), Strict);
        }
        catch (Exception ex) when (ex is JsonException or FormatException)
        {
            throw JwtAuthenticator.Reject("The token is malformed or unsigned.");
        }
    }
}
