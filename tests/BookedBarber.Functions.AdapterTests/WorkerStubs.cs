// Test-only declarations of the Azure Functions worker types the adapter uses, in their real namespaces
// and with the real signatures, because the worker packages do not restore here. Embedded as a resource
// and compiled only together with src/BookedBarber.Functions; never part of any assembly we ship.
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Microsoft.Azure.Functions.Worker
{
    [AttributeUsage(AttributeTargets.Method)]
    public sealed class FunctionAttribute(string name) : Attribute
    {
        public string Name { get; } = name;
    }

    public enum AuthorizationLevel { Anonymous, User, Function, System, Admin }

    [AttributeUsage(AttributeTargets.Parameter)]
    public sealed class HttpTriggerAttribute : Attribute
    {
        public HttpTriggerAttribute(params string[] methods) => Methods = methods;

        public HttpTriggerAttribute(AuthorizationLevel authLevel, params string[] methods) => (AuthLevel, Methods) = (authLevel, methods);

        public AuthorizationLevel AuthLevel { get; }

        public string[]? Methods { get; }

        public string? Route { get; set; }
    }

    [AttributeUsage(AttributeTargets.Parameter)]
    public sealed class QueueTriggerAttribute(string queueName) : Attribute
    {
        public string QueueName { get; } = queueName;

        public string? Connection { get; set; }
    }

    [AttributeUsage(AttributeTargets.Parameter)]
    public sealed class TimerTriggerAttribute(string schedule) : Attribute
    {
        public string Schedule { get; } = schedule;

        public bool RunOnStartup { get; set; }

        public bool UseMonitor { get; set; } = true;
    }

    public class TimerInfo
    {
        public ScheduleStatus? ScheduleStatus { get; set; }

        public bool IsPastDue { get; set; }
    }

    public class ScheduleStatus
    {
        public DateTime Last { get; set; }

        public DateTime Next { get; set; }

        public DateTime LastUpdated { get; set; }
    }

    public abstract class FunctionContext
    {
        public abstract string InvocationId { get; }

        public abstract string FunctionId { get; }

        public abstract IServiceProvider InstanceServices { get; set; }

        public abstract IDictionary<object, object> Items { get; set; }

        public virtual CancellationToken CancellationToken { get; } = CancellationToken.None;
    }
}

namespace Microsoft.Azure.Functions.Worker.Builder
{
    public static class FunctionsApplication
    {
        public static FunctionsApplicationBuilder CreateBuilder(string[] args) => throw new NotSupportedException("Test-only declaration.");
    }

    public class FunctionsApplicationBuilder : IHostApplicationBuilder
    {
        public IDictionary<object, object> Properties => throw new NotSupportedException();

        IConfigurationManager IHostApplicationBuilder.Configuration => Configuration;

        public ConfigurationManager Configuration => throw new NotSupportedException();

        public IHostEnvironment Environment => throw new NotSupportedException();

        public ILoggingBuilder Logging => throw new NotSupportedException();

        public IMetricsBuilder Metrics => throw new NotSupportedException();

        public IServiceCollection Services => throw new NotSupportedException();

        public IHost Build() => throw new NotSupportedException();

        public void ConfigureContainer<TContainerBuilder>(IServiceProviderFactory<TContainerBuilder> factory, Action<TContainerBuilder>? configure = null)
            where TContainerBuilder : notnull => throw new NotSupportedException();
    }

    public static class FunctionsApplicationBuilderAspNetCoreExtensions
    {
        public static FunctionsApplicationBuilder ConfigureFunctionsWebApplication(this FunctionsApplicationBuilder builder) => builder;
    }
}

namespace Microsoft.Azure.Functions.Worker.OpenTelemetry
{
    public static class OpenTelemetryBuilderExtensions
    {
        public static global::OpenTelemetry.IOpenTelemetryBuilder UseFunctionsWorkerDefaults(this global::OpenTelemetry.IOpenTelemetryBuilder builder) => builder;
    }
}
