using BookedBarber.DevHost;
using BookedBarber.Payments.Configuration;
using Microsoft.Extensions.Configuration;

namespace BookedBarber.Payments.FunctionalTests;

/// <summary><c>./dev.sh token</c>: its last line is a JWT the running dev host accepts.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class TokenCommandTests(AzuriteFixture azurite)
{
    private static string RunTokenCommand(params string[] args)
    {
        var environment = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [SettingNames.AuthSigningKey] = ApiHost.SigningKey }).Build();
        var output = new StringWriter();
        var original = Console.Out;
        Console.SetOut(output);
        try
        {
            Assert.Equal(0, TokenCommand.Run(args, DevHostOptions.FromEnvironment(), environment));
        }
        finally
        {
            Console.SetOut(original);
        }
        return output.ToString().TrimEnd().Split('\n')[^1];
    }

    [Fact]
    public async Task MintedToken_IsAccepted_WithTheRolesDefaultPermissions()
    {
        var token = RunTokenCommand("--sub", "10", "--role", "shop_owner", "--ttl", "600");
        await ApiAssert.Json(await azurite.Shared.GetAsync("internal/booking/appointments/25", token), 200);
    }

    [Fact]
    public async Task TheLongestTtl_IsAccepted()
    {
        var token = RunTokenCommand("--sub", "1", "--role", "barber", "--ttl", "86400");
        await ApiAssert.Json(await azurite.Shared.GetAsync("internal/booking/appointments/1", token), 200);
    }

    [Fact]
    public async Task ExplicitPermissions_ReplaceTheDefaults_AndShopScopesAnOwner()
    {
        var analyticsOnly = RunTokenCommand("--sub", "1", "--role", "barber", "--perm", "analytics:read");
        await ApiAssert.Error(await azurite.Shared.GetAsync("internal/booking/appointments/1", analyticsOnly), 403, "INSUFFICIENT_PERMISSIONS");

        var scoped = RunTokenCommand("--sub", "20", "--role", "enterprise_owner", "--shop", "2");
        await ApiAssert.Error(await azurite.Shared.GetAsync("internal/booking/appointments/1", scoped), 404, "NOT_FOUND");
        await ApiAssert.Json(await azurite.Shared.GetAsync("internal/booking/appointments/41", scoped), 200);
    }

    [Theory]
    [InlineData("--sub", "1")]
    [InlineData("--sub", "x", "--role", "barber")]
    [InlineData("--sub", "1", "--role", "king")]
    [InlineData("--sub", "1", "--role", "barber", "--perm", "payment:everything")]
    [InlineData("--sub", "1", "--role", "barber", "--ttl", "-5")]
    [InlineData("--sub", "1", "--role", "barber", "--ttl", "86401")]
    [InlineData("--bogus")]
    public void BadArguments_AreRefused(params string[] args) =>
        Assert.Throws<ArgumentException>(() => TokenCommand.Run(args, DevHostOptions.FromEnvironment(), new ConfigurationBuilder().Build()));
}
