using BookedBarber.Payments.Configuration;
using BookedBarber.Payments.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace BookedBarber.Payments.UnitTests;

public sealed class PaymentsTelemetryTests
{
    private static bool RegistersAzureMonitor(string? connectionString)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [SettingNames.ApplicationInsights] = connectionString })
            .Build();
        var services = new ServiceCollection();
        services.AddPaymentsTelemetry(configuration);
        return services.Any(d => new[] { d.ServiceType, d.ImplementationType, d.ImplementationInstance?.GetType() }
            .Any(t => t?.Assembly.GetName().Name?.StartsWith("Azure.Monitor", StringComparison.Ordinal) == true)
            || d.ImplementationFactory?.Method.DeclaringType?.Assembly.GetName().Name?.StartsWith("Azure.Monitor", StringComparison.Ordinal) == true);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void WithoutAConnectionString_NothingIsExported(string? connectionString) =>
        Assert.False(RegistersAzureMonitor(connectionString));

    [Fact]
    public void WithAConnectionString_TheAzureMonitorExporterIsOn() =>
        Assert.True(RegistersAzureMonitor("InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://127.0.0.1/"));
}
