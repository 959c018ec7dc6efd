using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace BookedBarber.Payments.Security;

/// <summary>Mints HS256 tokens with the contract's claims, for the dev host's <c>token</c> command and for tests.</summary>
public sealed class TokenIssuer(AuthSettings settings, TimeProvider clock)
{
    public string Issue(int userId, string role, IEnumerable<string>? permissions = null, int? shopId = null,
        TimeSpan? lifetime = null, string? email = null)
    {
        if (settings.SigningKey is null) throw new InvalidOperationException("Tokens can only be minted with a local HS256 signing key.");
        var now = clock.GetUtcNow();
        var claims = new Dictionary<string, object>
        {
            ["sub"] = userId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["email"] = email ?? $"user{userId}@demo.bookedbarber.test",
            ["role"] = role,
            ["permissions"] = (permissions ?? Permissions.ForRole(role)).ToArray(),
        };
        if (shopId is { } shop) claims["shop_id"] = shop;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = settings.Issuer,
            Audience = settings.Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = (now + (lifetime ?? TimeSpan.FromHours(24))).UtcDateTime,
            Claims = claims,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(settings.SigningKey), SecurityAlgorithms.HmacSha256),
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    public static byte[] NewSigningKey() => RandomNumberGenerator.GetBytes(32);
}
