using BookedBarber.Payments.Processors.Square;
using BookedBarber.ProcessorSimulators.Square;

namespace BookedBarber.ProcessorSimulators.Tests;

/// <summary>Square OAuth through our <see cref="SquareClient"/>: token status, refresh, expiry, revocation, scopes.</summary>
public sealed class SquareOAuthTests(FakeClockSimulatorFixture fixture) : IClassFixture<FakeClockSimulatorFixture>, IDisposable
{
    private readonly HttpClient _http = new();

    private SquareSimulator Simulator => fixture.Server.Square;

    private SquareClient Client => new(_http, new SquareClientOptions { BaseAddress = new Uri(fixture.Server.BaseUrl) });

    public void Dispose() => _http.Dispose();

    private (string Token, string LocationId, SquareSimulatedMerchant Merchant) NewBarber()
    {
        var token = "EAAA" + Guid.NewGuid().ToString("N");
        var locationId = "L" + Guid.NewGuid().ToString("N")[..12].ToUpperInvariant();
        Simulator.AddMerchant(token, locationId, "Fade Street Barbers");
        return (token, locationId, Simulator.GetMerchant(token));
    }

    [Fact]
    public async Task GetTokenStatus_OfConnectedSeller_HasPaymentScopesThirtyDayExpiryAndIds()
    {
        var (token, _, merchant) = NewBarber();

        var status = await Client.GetTokenStatusAsync(token);

        Assert.True(status.HasScopes(SquareOAuthScopes.Required));
        Assert.Contains("PAYMENTS_WRITE", status.Scopes!);
        Assert.Equal(fixture.Clock.GetUtcNow().AddDays(30), status.ExpiresAt);
        Assert.Equal(merchant.MerchantId, status.MerchantId);
        Assert.Equal(merchant.ApplicationId, status.ClientId);
        Assert.Equal(SquareSimulator.PlatformApplicationId, status.ClientId);
    }

    [Fact]
    public async Task RefreshToken_IssuesNewThirtyDayToken_AndTheOldOneWorksUntilItExpires()
    {
        var (token, location, merchant) = NewBarber();
        fixture.Clock.Advance(TimeSpan.FromDays(25));

        var refreshed = await Client.RefreshTokenAsync(merchant.ApplicationId, merchant.ApplicationSecret, merchant.RefreshToken);

        Assert.NotEqual(token, refreshed.AccessToken);
        Assert.Equal("bearer", refreshed.TokenType);
        Assert.Equal(merchant.MerchantId, refreshed.MerchantId);
        Assert.Equal(merchant.RefreshToken, refreshed.RefreshToken);
        Assert.Equal(fixture.Clock.GetUtcNow().AddDays(30), refreshed.ExpiresAt);
        Assert.Equal(location, (await Client.GetLocationAsync(refreshed.AccessToken, "main")).Id);
        Assert.Equal(location, (await Client.GetLocationAsync(token, "main")).Id);

        fixture.Clock.Advance(TimeSpan.FromDays(6));

        var expired = await Assert.ThrowsAsync<SquareApiException>(() => Client.GetLocationAsync(token, "main"));
        Assert.Equal(401, expired.Status);
        Assert.Equal("ACCESS_TOKEN_EXPIRED", expired.Code);
        var statusOfExpired = await Assert.ThrowsAsync<SquareApiException>(() => Client.GetTokenStatusAsync(token));
        Assert.Equal(401, statusOfExpired.Status);
        Assert.Equal("ACCESS_TOKEN_EXPIRED", statusOfExpired.Code);
        Assert.Equal(merchant.MerchantId, (await Client.GetTokenStatusAsync(refreshed.AccessToken)).MerchantId);
    }

    [Theory]
    [InlineData("secret")]
    [InlineData("client")]
    [InlineData("refresh")]
    public async Task RefreshToken_WithWrongCredentials_ThrowsUnauthorized(string wrong)
    {
        var (_, _, merchant) = NewBarber();

        var error = await Assert.ThrowsAsync<SquareApiException>(() => Client.RefreshTokenAsync(
            wrong == "client" ? "sandbox-sq0idb-other" : merchant.ApplicationId,
            wrong == "secret" ? "sandbox-sq0csb-wrong" : merchant.ApplicationSecret,
            wrong == "refresh" ? "EQAAnot-a-refresh-token" : merchant.RefreshToken));

        Assert.Equal(401, error.Status);
        Assert.Equal("AUTHENTICATION_ERROR", error.Category);
        Assert.Equal("UNAUTHORIZED", error.Code);
        Assert.False(error.IsRetryable);
    }

    [Fact]
    public async Task RevokeToken_EndsEveryTokenAndTheRefreshToken()
    {
        var (token, _, merchant) = NewBarber();
        var second = Simulator.IssueAccessToken(token);

        Assert.True(await Client.RevokeTokenAsync(merchant.ApplicationId, merchant.ApplicationSecret, accessToken: token));

        foreach (var revoked in new[] { token, second })
        {
            var error = await Assert.ThrowsAsync<SquareApiException>(() => Client.GetTokenStatusAsync(revoked));
            Assert.Equal(401, error.Status);
            Assert.Equal("ACCESS_TOKEN_REVOKED", error.Code);
        }

        var refresh = await Assert.ThrowsAsync<SquareApiException>(
            () => Client.RefreshTokenAsync(merchant.ApplicationId, merchant.ApplicationSecret, merchant.RefreshToken));
        Assert.Equal(401, refresh.Status);
    }

    [Fact]
    public async Task RevokeToken_OnlyAccessToken_LeavesTheOthers_AndWrongSecretIsRefused()
    {
        var (token, _, merchant) = NewBarber();
        var second = Simulator.IssueAccessToken(merchant.MerchantId);

        var refused = await Assert.ThrowsAsync<SquareApiException>(
            () => Client.RevokeTokenAsync(merchant.ApplicationId, "sandbox-sq0csb-wrong", accessToken: token));
        Assert.Equal(401, refused.Status);

        Assert.True(await Client.RevokeTokenAsync(merchant.ApplicationId, merchant.ApplicationSecret, accessToken: token, revokeOnlyAccessToken: true));

        Assert.Equal("ACCESS_TOKEN_REVOKED", (await Assert.ThrowsAsync<SquareApiException>(() => Client.GetTokenStatusAsync(token))).Code);
        Assert.Equal(merchant.MerchantId, (await Client.GetTokenStatusAsync(second)).MerchantId);
    }

    [Fact]
    public async Task TokenWithoutPaymentScopes_IsRefusedWithInsufficientScopes()
    {
        var (token, location, _) = NewBarber();
        var readOnly = Simulator.IssueAccessToken(token, ["MERCHANT_PROFILE_READ"]);

        var status = await Client.GetTokenStatusAsync(readOnly);
        Assert.Equal(["MERCHANT_PROFILE_READ"], status.Scopes);
        Assert.False(status.HasScopes(SquareOAuthScopes.Required));
        Assert.Equal(location, (await Client.GetLocationAsync(readOnly, location)).Id);

        var list = await Assert.ThrowsAsync<SquareApiException>(async () => await Client.ListPaymentsAsync(readOnly).AsPages().FirstAsync());
        var charge = await Assert.ThrowsAsync<SquareApiException>(() => Client.CreatePaymentAsync(readOnly, new SquareCreatePaymentRequest
        {
            SourceId = SquareSimulator.NonceOk,
            IdempotencyKey = Guid.NewGuid().ToString(),
            AmountMoney = new SquareMoney(1000, "USD"),
        }));

        foreach (var error in new[] { list, charge })
        {
            Assert.Equal(403, error.Status);
            Assert.Equal("AUTHENTICATION_ERROR", error.Category);
            Assert.Equal("INSUFFICIENT_SCOPES", error.Code);
        }

        Assert.DoesNotContain(Simulator.Payments, p => p.LocationId == location);
    }

    [Fact]
    public async Task SellerOfAnotherApplication_RefreshesOnlyWithThatApplicationsCredentials()
    {
        var token = "EAAA" + Guid.NewGuid().ToString("N");
        Simulator.AddMerchant(token, "L" + Guid.NewGuid().ToString("N")[..12], "Other App Shop", applicationId: "sandbox-sq0idb-other", applicationSecret: "other-secret");
        var merchant = Simulator.GetMerchant(token);

        var platform = await Assert.ThrowsAsync<SquareApiException>(() =>
            Client.RefreshTokenAsync(SquareSimulator.PlatformApplicationId, SquareSimulator.PlatformApplicationSecret, merchant.RefreshToken));
        var refreshed = await Client.RefreshTokenAsync("sandbox-sq0idb-other", "other-secret", merchant.RefreshToken);

        Assert.Equal(401, platform.Status);
        Assert.Equal("sandbox-sq0idb-other", (await Client.GetTokenStatusAsync(refreshed.AccessToken)).ClientId);
    }

    [Fact]
    public async Task GetTokenStatus_OfUnknownToken_ThrowsUnauthorized()
    {
        var error = await Assert.ThrowsAsync<SquareApiException>(() => Client.GetTokenStatusAsync("EAAA-never-issued"));

        Assert.Equal(401, error.Status);
        Assert.Equal("UNAUTHORIZED", error.Code);
    }

    [Fact]
    public async Task Location_WhenDeactivated_IsInactiveWithoutCapabilities_AndRefusesPayments()
    {
        var (token, location, _) = NewBarber();
        var active = await Client.GetLocationAsync(token, location);
        Assert.Equal("ACTIVE", active.Status);
        Assert.Contains("CREDIT_CARD_PROCESSING", active.Capabilities!);

        Simulator.SetLocationActive(location, false);

        var inactive = await Client.GetLocationAsync(token, location);
        Assert.Equal("INACTIVE", inactive.Status);
        Assert.DoesNotContain("CREDIT_CARD_PROCESSING", inactive.Capabilities!);
        var error = await Assert.ThrowsAsync<SquareApiException>(() => Client.CreatePaymentAsync(token, new SquareCreatePaymentRequest
        {
            SourceId = SquareSimulator.NonceOk,
            IdempotencyKey = Guid.NewGuid().ToString(),
            AmountMoney = new SquareMoney(1000, "USD"),
            LocationId = location,
        }));
        Assert.Equal(400, error.Status);
        Assert.Equal("INVALID_LOCATION", error.Code);

        var unknown = await Assert.ThrowsAsync<SquareApiException>(() => Client.GetLocationAsync(token, "LNOSUCHLOCATION"));
        Assert.Equal(404, unknown.Status);
        Assert.Equal("NOT_FOUND", unknown.Code);
    }
}
