using BookedBarber.Payments.Amounts;
using BookedBarber.Payments.Connections;
using BookedBarber.Payments.Errors;

namespace BookedBarber.Payments.UnitTests;

/// <summary>What a connection request must say before a processor is asked, and what a token's expiry makes of it.</summary>
public sealed class ConnectionRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Square_LocationIsTheAccount_TakenFromEitherPlace()
    {
        var fromConfig = ConnectionRules.ForCreate(new CreateConnectionRequest
        {
            ProcessorType = "square",
            ConnectionConfig = new ConnectionConfig { AccessToken = "EAAA-token", LocationId = "L1", RefreshToken = "EQAA-refresh" },
        });
        Assert.Equal("L1", fromConfig.AccountId);
        Assert.Equal("L1", fromConfig.Credentials.LocationId);
        Assert.Equal("EQAA-refresh", fromConfig.Credentials.RefreshToken);
        Assert.True(fromConfig.WebhookNotifications);

        var fromAccount = ConnectionRules.ForCreate(new CreateConnectionRequest
        {
            ProcessorType = "square", AccountId = "L2", WebhookNotifications = false,
            ConnectionConfig = new ConnectionConfig { AccessToken = "EAAA-token" },
        });
        Assert.Equal("L2", fromAccount.Credentials.LocationId);
        Assert.False(fromAccount.WebhookNotifications);
    }

    [Theory]
    [InlineData("sk_live_abc")]
    [InlineData("sk_test_abc")]
    [InlineData("rk_live_abc")]
    [InlineData("rk_test_abc")]
    public void Stripe_TakesSecretAndRestrictedKeys(string key)
    {
        var draft = ConnectionRules.ForCreate(new CreateConnectionRequest { ProcessorType = "stripe", ConnectionConfig = new ConnectionConfig { SecretKey = key } });
        Assert.Equal(key, draft.Credentials.SecretKey);
        Assert.Null(draft.AccountId);
    }

    [Theory]
    [InlineData("pk_test_abc")]
    [InlineData("whsec_abc")]
    [InlineData("sk_test_ab c")]
    public void Stripe_RefusesOtherKeys_WithoutEchoingThem(string key)
    {
        var error = Assert.Throws<DomainException>(() =>
            ConnectionRules.ForCreate(new CreateConnectionRequest { ProcessorType = "stripe", ConnectionConfig = new ConnectionConfig { SecretKey = key } }));
        Assert.Equal("connection_config.secret_key", error.Details["field"]);
        Assert.DoesNotContain(key, error.Message);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("paypal")]
    [InlineData("Square")]
    public void UnsupportedProcessor_ListsTheSupportedOnes(string? type)
    {
        var error = Assert.Throws<DomainException>(() => ConnectionRules.ForCreate(new CreateConnectionRequest { ProcessorType = type }));
        Assert.Equal(ErrorCodes.ValidationError, error.Code);
        Assert.Equal("processor_type", error.Details["field"]);
        Assert.Equal(["stripe", "square"], (IReadOnlyList<string>)error.Details["supported_processors"]!);
    }

    [Fact]
    public void Update_NewTokenReplacesTheOld_LocationCannotMove()
    {
        var connection = new ProcessorConnection(5, 1, "square", "L1", null, ConnectionStatus.Connected, "sealed", "L1", "USD", ProcessingFees.SquareStandard, Now);
        var stored = new ConnectionCredentials(AccessToken: "old", RefreshToken: "r", LocationId: "L1");
        var merged = ConnectionRules.Merge(connection, stored, new ConnectionConfig { AccessToken = "new" });
        Assert.Equal(stored with { AccessToken = "new" }, merged);
        Assert.Equal(stored, ConnectionRules.Merge(connection, stored, new ConnectionConfig { LocationId = "L1" }));
        var error = Assert.Throws<DomainException>(() => ConnectionRules.Merge(connection, stored, new ConnectionConfig { LocationId = "L9" }));
        Assert.Equal("connection_config.location_id", error.Details["field"]);
    }

    [Theory]
    [InlineData(null, null, "valid")]
    [InlineData(null, 30.0, "valid")]
    [InlineData(null, 7.5, "valid")]
    [InlineData(null, 7.0, "expiring")]
    [InlineData(null, 0.5, "expiring")]
    [InlineData(null, 0.0, "expired")]
    [InlineData(null, -1.0, "expired")]
    [InlineData("revoked", 20.0, "revoked")]
    [InlineData("expired", 20.0, "expired")]
    [InlineData("expiring", 20.0, "valid")]
    public void TokenState_FollowsExpiry_UnlessTheProcessorSaidOtherwise(string? stored, double? daysLeft, string expected) =>
        Assert.Equal(expected, TokenStates.Of(stored, daysLeft is { } d ? Now.AddDays(d) : null, Now));

    [Fact]
    public void Health_NeedsAConnectedConnection_AUsableToken_AndNoRecentErrors()
    {
        var healthy = new ProcessorConnection(5, 1, "square", "L1", null, ConnectionStatus.Connected, "sealed", "L1", "USD", ProcessingFees.SquareStandard, Now,
            TokenExpiresAt: Now.AddDays(3), WebhookSubscriptionId: "sub");
        var health = ConnectionViews.Health(healthy, Now);
        Assert.True(health.ConnectionHealthy);
        Assert.Equal("expiring", health.TokenStatus);
        Assert.True(health.WebhookConfigured);
        Assert.False(ConnectionViews.Health(healthy with { RecentErrors = 1 }, Now).ConnectionHealthy);
        Assert.False(ConnectionViews.Health(healthy with { TokenState = TokenStates.Revoked }, Now).ConnectionHealthy);
        Assert.False(ConnectionViews.Health(healthy with { Status = ConnectionStatus.Disconnected }, Now).ConnectionHealthy);
        Assert.False(ConnectionViews.Health(healthy, Now.AddDays(4)).ConnectionHealthy);
    }

    [Fact]
    public void Fees_AreInTheConnectionsCurrency()
    {
        Currency.TryParse("GBP", out var gbp);
        Assert.Equal(new Money(30, gbp!), ProcessingFees.Stripe(gbp!).PerTransaction);
        Assert.Equal(new Money(10, gbp!), ProcessingFees.Square(gbp!).PerTransaction);
    }
}
