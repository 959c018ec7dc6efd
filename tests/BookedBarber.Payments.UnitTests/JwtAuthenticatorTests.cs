using BookedBarber.Payments.Errors;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using BookedBarber.Payments.Http;
using BookedBarber.Payments.Security;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace BookedBarber.Payments.UnitTests;

public sealed class JwtAuthenticatorTests
{
    private static readonly byte[] Key = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
    private static readonly AuthSettings Hs256 = new("issuer-a", "audience-a", Key, null);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));

    private JwtAuthenticator Authenticator(AuthSettings? settings = null, JwksKeySource? jwks = null) => new(settings ?? Hs256, jwks, _clock);

    private string Token(AuthSettings? settings = null, string role = Roles.Barber, IEnumerable<string>? permissions = null, TimeSpan? lifetime = null, int? shop = null) =>
        new TokenIssuer(settings ?? Hs256, _clock).Issue(1, role, permissions, shop, lifetime);

    private async Task<DomainException> Rejects(string? header, JwtAuthenticator? authenticator = null)
    {
        var error = await Assert.ThrowsAsync<DomainException>(() => (authenticator ?? Authenticator()).AuthenticateAsync(header, default));
        Assert.Equal((401, ErrorCodes.Unauthorized), (ErrorCodes.StatusOf(error.Code), error.Code));
        return error;
    }

    [Fact]
    public async Task ValidToken_GivesTheCallerWithTheRolesDefaultPermissions()
    {
        var caller = await Authenticator().AuthenticateAsync("Bearer " + Token(shop: 4), default);
        Assert.Equal(1, caller.UserId);
        Assert.Equal(Roles.Barber, caller.Role);
        Assert.Equal(4, caller.ShopId);
        Assert.True(caller.Has(Permissions.PaymentWrite));
        Assert.False(caller.Has(Permissions.AdminWrite));
    }

    [Fact]
    public async Task ExplicitPermissions_ReplaceTheDefaults_AndARoleCannotHoldWhatItMayNot()
    {
        var caller = await Authenticator().AuthenticateAsync("Bearer " + Token(permissions: [Permissions.PaymentRead, Permissions.AdminWrite]), default);
        Assert.True(caller.Has(Permissions.PaymentRead));
        Assert.False(caller.Has(Permissions.PaymentWrite));
        Assert.False(caller.Has(Permissions.AdminWrite)); // a barber's token cannot grant admin:write
    }

    [Fact]
    public async Task MissingOrNonBearerHeader_Is401()
    {
        await Rejects(null);
        await Rejects("Basic dXNlcjpwYXNz");
        await Rejects("Bearer ");
        await Rejects("Bearer not.a.jwt");
    }

    [Fact]
    public async Task ExpiredToken_Is401()
    {
        var token = Token(lifetime: TimeSpan.FromMinutes(5));
        _clock.Advance(TimeSpan.FromMinutes(6));
        Assert.Contains("expired", (await Rejects("Bearer " + token)).Message);
    }

    [Fact]
    public async Task NotYetValidToken_Is401()
    {
        var issuedLater = new FakeTimeProvider(_clock.GetUtcNow().AddMinutes(10));
        var token = new TokenIssuer(Hs256, issuedLater).Issue(1, Roles.Barber);
        Assert.Contains("not valid yet", (await Rejects("Bearer " + token)).Message);
    }

    [Fact]
    public async Task WrongIssuerOrAudience_Is401()
    {
        await Rejects("Bearer " + Token(Hs256 with { Issuer = "someone-else" }));
        await Rejects("Bearer " + Token(Hs256 with { Audience = "another-api" }));
    }

    [Fact]
    public async Task TokenSignedWithAnotherKey_Is401() =>
        await Rejects("Bearer " + Token(Hs256 with { SigningKey = RandomNumberGenerator.GetBytes(32) }));

    [Fact]
    public async Task TamperedPayload_Is401()
    {
        var parts = Token().Split('.');
        var payload = Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(parts[1])).Replace("\"barber\"", "\"admin\"");
        await Rejects($"Bearer {parts[0]}.{Base64UrlEncoder.Encode(payload)}.{parts[2]}");
    }

    [Fact]
    public async Task AlgNoneToken_Is401()
    {
        var header = Base64UrlEncoder.Encode("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        var exp = _clock.GetUtcNow().AddHours(1).ToUnixTimeSeconds();
        var payload = Base64UrlEncoder.Encode($"{{\"sub\":\"1\",\"role\":\"admin\",\"iss\":\"issuer-a\",\"aud\":\"audience-a\",\"exp\":{exp}}}");
        await Rejects($"Bearer {header}.{payload}.");
    }

    [Fact]
    public async Task UnknownRoleOrNonNumericSubject_Is401()
    {
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = "issuer-a", Audience = "audience-a", Expires = _clock.GetUtcNow().AddHours(1).UtcDateTime,
            IssuedAt = _clock.GetUtcNow().UtcDateTime, NotBefore = _clock.GetUtcNow().UtcDateTime,
            Claims = new Dictionary<string, object> { ["sub"] = "abc", ["role"] = "barber" },
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Key), SecurityAlgorithms.HmacSha256),
        };
        var handler = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false };
        await Rejects("Bearer " + handler.CreateToken(descriptor));
        descriptor.Claims = new Dictionary<string, object> { ["sub"] = "5", ["role"] = "superuser" };
        await Rejects("Bearer " + handler.CreateToken(descriptor));
    }

    [Fact]
    public async Task Rs256AgainstJwks_AcceptsTheProvidersToken_AndRejectsAnHs256One()
    {
        using var rsa = RSA.Create(2048);
        var signingKey = new RsaSecurityKey(rsa) { KeyId = "key-1" };
        var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(rsa.ExportParameters(false)) { KeyId = "key-1" });
        var jwks = $"{{\"keys\":[{{\"kty\":\"RSA\",\"use\":\"sig\",\"kid\":\"key-1\",\"n\":\"{jwk.N}\",\"e\":\"{jwk.E}\"}}]}}";
        var settings = new AuthSettings("https://login.example/", "bookedbarber-payments", null, new Uri("https://login.example/jwks"));
        var source = new JwksKeySource(new HttpClient(new StaticHandler(jwks)), settings.JwksUrl!, _clock);
        var authenticator = Authenticator(settings, source);

        var token = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = settings.Issuer, Audience = settings.Audience,
            IssuedAt = _clock.GetUtcNow().UtcDateTime, NotBefore = _clock.GetUtcNow().UtcDateTime, Expires = _clock.GetUtcNow().AddHours(1).UtcDateTime,
            Claims = new Dictionary<string, object> { ["sub"] = "20", ["role"] = "enterprise_owner", ["permissions"] = new[] { "analytics:read" } },
            SigningCredentials = new SigningCredentials(signingKey, SecurityAlgorithms.RsaSha256),
        });
        var caller = await authenticator.AuthenticateAsync("Bearer " + token, default);
        Assert.Equal((20, Roles.EnterpriseOwner), (caller.UserId, caller.Role));

        var hs256 = new TokenIssuer(new AuthSettings(settings.Issuer, settings.Audience, Key, null), _clock).Issue(20, Roles.Admin);
        await Rejects("Bearer " + hs256, authenticator);
    }

    /// <summary>An HS256 token with exactly this payload (JSON text) and header, as a hostile client would write it.</summary>
    private static string Raw(string payloadJson, string headerJson = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}")
    {
        var signingInput = Base64UrlEncoder.Encode(headerJson) + "." + Base64UrlEncoder.Encode(payloadJson);
        var signature = HMACSHA256.HashData(Key, Encoding.ASCII.GetBytes(signingInput));
        return signingInput + "." + Base64UrlEncoder.Encode(signature);
    }

    private string Claims(string extra, long? iat = 0, long lifetimeSeconds = 3600)
    {
        var now = _clock.GetUtcNow().ToUnixTimeSeconds();
        var issued = iat is { } offset ? $",\"iat\":{now + offset}" : "";
        return $"{{\"iss\":\"issuer-a\",\"aud\":\"audience-a\",\"exp\":{now + lifetimeSeconds}{issued}{extra}}}";
    }

    [Fact]
    public async Task RawTokenWithValidClaims_IsAccepted()
    {
        var caller = await Authenticator().AuthenticateAsync("Bearer " + Raw(Claims(",\"sub\":\"20\",\"role\":\"enterprise_owner\",\"shop_id\":2")), default);
        Assert.Equal((20, Roles.EnterpriseOwner, 2), (caller.UserId, caller.Role, caller.ShopId));
        Assert.True(caller.Has(Permissions.PaymentWrite)); // no permissions claim: the role's defaults
    }

    [Theory]
    [InlineData(Roles.Barber)]
    [InlineData(Roles.Admin)]
    public async Task PresentButEmptyPermissions_GrantNothing(string role)
    {
        var caller = await Authenticator().AuthenticateAsync("Bearer " + Token(role: role, permissions: []), default);
        Assert.All(Permissions.All, p => Assert.False(caller.Has(p)));
    }

    [Theory]
    [InlineData("null")]
    [InlineData("7")]
    [InlineData("{}")]
    [InlineData("[\"payment:read\",3]")]
    public async Task PermissionsOfTheWrongType_Are401(string permissions) =>
        await Rejects("Bearer " + Raw(Claims($",\"sub\":\"1\",\"role\":\"barber\",\"permissions\":{permissions}")));

    [Theory]
    [InlineData("\"2.0\"")]
    [InlineData("2.0")]
    [InlineData("-2")]
    [InlineData("0")]
    [InlineData("\"\"")]
    [InlineData("\"02\"")]
    [InlineData("null")]
    [InlineData("{\"id\":2}")]
    [InlineData("[2]")]
    [InlineData("2e0")]
    [InlineData("99999999999")]
    public async Task ShopIdThatIsNotAPositiveInteger_Is401(string shopId) =>
        await Rejects("Bearer " + Raw(Claims($",\"sub\":\"20\",\"role\":\"enterprise_owner\",\"shop_id\":{shopId}")));

    [Theory]
    [InlineData("[\"admin\"]")]
    [InlineData("[\"barber\",\"admin\"]")]
    [InlineData("1")]
    [InlineData("null")]
    public async Task RoleThatIsNotOneString_Is401(string role) =>
        await Rejects("Bearer " + Raw(Claims($",\"sub\":\"1\",\"role\":{role}")));

    [Fact]
    public async Task DuplicateClaims_Are401() =>
        await Rejects("Bearer " + Raw(Claims(",\"sub\":\"1\",\"role\":\"barber\",\"role\":\"admin\"")));

    [Fact]
    public async Task IatInTheFutureBeyondTheSkew_Is401()
    {
        await Authenticator().AuthenticateAsync("Bearer " + Raw(Claims(",\"sub\":\"1\",\"role\":\"barber\"", iat: 25)), default);
        Assert.Contains("iat", (await Rejects("Bearer " + Raw(Claims(",\"sub\":\"1\",\"role\":\"barber\"", iat: 120)))).Message);
    }

    [Fact]
    public async Task LifetimeBeyondTheMaximum_Is401()
    {
        await Authenticator().AuthenticateAsync("Bearer " + Token(lifetime: TimeSpan.FromHours(24)), default);
        Assert.Contains("lifetime", (await Rejects("Bearer " + Token(lifetime: TimeSpan.FromHours(24) + TimeSpan.FromSeconds(1)))).Message);
        await Rejects("Bearer " + Raw(Claims(",\"sub\":\"1\",\"role\":\"barber\"", iat: null, lifetimeSeconds: 86_400 * 365)));
        await Rejects("Bearer " + Raw(Claims(",\"sub\":\"1\",\"role\":\"barber\"", iat: -3600, lifetimeSeconds: 86_400)));

        var shortLived = Authenticator(Hs256 with { MaxTokenLifetime = TimeSpan.FromMinutes(10) });
        await Rejects("Bearer " + Token(lifetime: TimeSpan.FromMinutes(11)), shortLived);
    }

    [Theory]
    [InlineData("{\"alg\":\"HS256\",\"typ\":\"JWT\",\"crit\":[\"exp-ext\"],\"exp-ext\":1}")]
    [InlineData("{\"alg\":\"HS256\",\"typ\":\"JWT\",\"crit\":[]}")]
    public async Task CriticalHeaderExtensions_Are401(string header) =>
        await Rejects("Bearer " + Raw(Claims(",\"sub\":\"1\",\"role\":\"barber\""), header));

    private sealed class StaticHandler(string body) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body) });
    }
}
