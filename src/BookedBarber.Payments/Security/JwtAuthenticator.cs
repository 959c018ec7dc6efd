using BookedBarber.Payments.Errors;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace BookedBarber.Payments.Security;

/// <summary>Turns an <c>Authorization: Bearer</c> header into a <see cref="Caller"/>, or a 401.</summary>
public sealed class JwtAuthenticator(AuthSettings settings, JwksKeySource? jwks, TimeProvider clock)
{
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };
    private readonly SymmetricSecurityKey? _symmetricKey = settings.SigningKey is { } key ? new SymmetricSecurityKey(key) : null;

    public async Task<Caller> AuthenticateAsync(string? authorizationHeader, CancellationToken cancellationToken)
    {
        var token = ExtractBearer(authorizationHeader);
        var parameters = await ParametersAsync(refreshKeys: false, cancellationToken);
        var result = await _handler.ValidateTokenAsync(token, parameters);
        if (!result.IsValid && result.Exception is SecurityTokenSignatureKeyNotFoundException && jwks is not null)
        {
            // The identity provider may have rotated its keys since we last fetched them.
            result = await _handler.ValidateTokenAsync(token, await ParametersAsync(refreshKeys: true, cancellationToken));
        }
        if (!result.IsValid) throw Reject(Describe(result.Exception));
        return TokenClaims.Read((JsonWebToken)result.SecurityToken, settings.MaxTokenLifetime, clock.GetUtcNow());
    }

    private static string ExtractBearer(string? header)
    {
        if (string.IsNullOrWhiteSpace(header)) throw Reject("Authentication required: send Authorization: Bearer <token>.");
        const string scheme = "Bearer ";
        if (!header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) || header.Length <= scheme.Length)
            throw Reject("The Authorization header must use the Bearer scheme.");
        return header[scheme.Length..].Trim();
    }

    private async Task<TokenValidationParameters> ParametersAsync(bool refreshKeys, CancellationToken cancellationToken)
    {
        var parameters = new TokenValidationParameters
        {
            ValidIssuer = settings.Issuer,
            ValidAudience = settings.Audience,
            ValidateIssuer = true,
            ValidateAudience = true,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ValidateIssuerSigningKey = true,
            ClockSkew = AuthSettings.ClockSkew,
            LifetimeValidator = ValidateLifetime,
            NameClaimType = "sub",
            RoleClaimType = "role",
        };
        if (_symmetricKey is not null)
        {
            parameters.IssuerSigningKey = _symmetricKey;
            parameters.ValidAlgorithms = [SecurityAlgorithms.HmacSha256];
        }
        else
        {
            parameters.IssuerSigningKeys = await jwks!.GetKeysAsync(refreshKeys, cancellationToken);
            parameters.ValidAlgorithms = [SecurityAlgorithms.RsaSha256];
        }
        return parameters;
    }

    // Lifetime is checked against our clock, not the machine's, so tests and the dev host agree on time.
    private bool ValidateLifetime(DateTime? notBefore, DateTime? expires, SecurityToken token, TokenValidationParameters parameters)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (expires is null) throw new SecurityTokenNoExpirationException("The token has no expiry.");
        if (notBefore is { } nbf && nbf > now + AuthSettings.ClockSkew) throw new SecurityTokenNotYetValidException("The token is not valid yet.");
        if (expires.Value < now - AuthSettings.ClockSkew) throw new SecurityTokenExpiredException("The token has expired.");
        return true;
    }

    private static string Describe(Exception? exception) => exception switch
    {
        SecurityTokenExpiredException => "The token has expired.",
        SecurityTokenNotYetValidException => "The token is not valid yet.",
        SecurityTokenNoExpirationException => "The token has no expiry.",
        SecurityTokenInvalidIssuerException => "The token was issued by an untrusted issuer.",
        SecurityTokenInvalidAudienceException => "The token is not meant for this API.",
        SecurityTokenInvalidAlgorithmException => "The token's signing algorithm is not accepted.",
        SecurityTokenInvalidSignatureException or SecurityTokenSignatureKeyNotFoundException => "The token's signature is invalid.",
        _ => "The token is malformed or unsigned.",
    };

    internal static DomainException Reject(string message) => new(ErrorCodes.Unauthorized, message);
}
