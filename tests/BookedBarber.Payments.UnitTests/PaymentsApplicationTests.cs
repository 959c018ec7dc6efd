using BookedBarber.Payments.Configuration;
using BookedBarber.Payments.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace BookedBarber.Payments.UnitTests;

public sealed class PaymentsApplicationTests
{
    private static IServiceCollection Production() => new ServiceCollection().AddPaymentsApplication(new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?>
        {
            [SettingNames.StorageConnection] = "UseDevelopmentStorage=true",
            [SettingNames.AuthSigningKey] = Convert.ToBase64String(new byte[32]),
        })
        .Build());

    [Fact]
    public void TheProductionContainer_VerifiesTokens_ButCannotIssueThem()
    {
        var services = Production();

        Assert.Contains(services, d => d.ServiceType == typeof(JwtAuthenticator));
        Assert.DoesNotContain(services, d => d.ServiceType == typeof(TokenIssuer));
    }
}
