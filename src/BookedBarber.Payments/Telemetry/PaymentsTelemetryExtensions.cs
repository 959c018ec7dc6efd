using Azure.Monitor.OpenTelemetry.Exporter;
using BookedBarber.Payments.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace BookedBarber.Payments.Telemetry;

/// <summary>Registers OpenTelemetry for the application on any host.</summary>
public static class PaymentsTelemetryExtensions
{
    /// <summary>
    /// Traces (the application's spans, and outgoing HTTP: Stripe.net, our Square client, storage) and metrics (the
    /// application's meter), exported to Azure Monitor only when <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is set.
    /// The Functions app adds the worker's own defaults to the returned builder.
    /// </summary>
    public static IOpenTelemetryBuilder AddPaymentsTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var builder = services.AddOpenTelemetry()
            .WithTracing(tracing => tracing.AddSource(PaymentsTelemetry.Name).AddHttpClientInstrumentation())
            .WithMetrics(metrics => metrics.AddMeter(PaymentsTelemetry.Name));
        if (configuration[SettingNames.ApplicationInsights] is { Length: > 0 } connectionString)
            builder.UseAzureMonitorExporter(options => options.ConnectionString = connectionString);
        return builder;
    }
}
