using System.Diagnostics;
using BookedBarber.Payments.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace BookedBarber.Payments.FunctionalTests;

/// <summary>What a payment leaves in traces and metrics, and what logs and spans must never hold.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class TelemetryTests(AzuriteFixture azurite)
{
    private sealed record Captured(List<Activity> Spans, List<Metric> Metrics, LogCapture Logs);

    private static async Task<(ApiHost Host, Captured Telemetry)> StartAsync(AzuriteFixture azurite)
    {
        var captured = new Captured([], [], new LogCapture());
        var host = await ApiHost.StartAsync(azurite, services: services =>
        {
            services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(captured.Spans));
            services.ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddInMemoryExporter(captured.Metrics));
            services.AddSingleton<ILoggerProvider>(captured.Logs);
        });
        return (host, captured);
    }

    private static void Flush(ApiHost host)
    {
        host.Services.GetRequiredService<TracerProvider>().ForceFlush();
        host.Services.GetRequiredService<MeterProvider>().ForceFlush();
    }

    private static IEnumerable<KeyValuePair<string, object?>> Points(List<Metric> metrics, string name)
    {
        foreach (var metric in metrics.Where(m => m.Name == name))
            foreach (ref readonly var point in metric.GetMetricPoints())
            {
                var tags = new Dictionary<string, object?>();
                foreach (var tag in point.Tags) tags[tag.Key] = tag.Value;
                var value = metric.MetricType switch
                {
                    MetricType.LongSum => (object)point.GetSumLong(),
                    MetricType.Histogram => point.GetHistogramCount(),
                    _ => null,
                };
                yield return new(string.Join(",", tags.OrderBy(t => t.Key).Select(t => $"{t.Key}={t.Value}")), value);
            }
    }

    [Fact]
    public async Task Payment_ProducesTheRequestPaymentAndProcessorSpans_AndTheMetrics_WithTheirTags()
    {
        var (host, telemetry) = await StartAsync(azurite);
        await using var _ = host;
        var appointment = await host.NewAppointmentAsync(2);

        var response = await host.ProcessAsync(2, Payments.Body(appointment, "tok_visa"));
        await ApiAssert.Json(response, 200);
        Flush(host);

        var request = Assert.Single(telemetry.Spans, s => s.Source.Name == PaymentsTelemetry.Name && s.DisplayName == "POST /api/v1/hybrid-payments/process");
        Assert.Equal(ActivityKind.Server, request.Kind);
        Assert.Equal(200, request.GetTagItem("http.response.status_code"));
        Assert.Equal(response.Headers.GetValues("X-Request-Id").Single(), request.GetTagItem("request.id"));

        var inRequest = telemetry.Spans.Where(s => s.TraceId == request.TraceId).ToList();
        var payment = Assert.Single(inRequest, s => s.OperationName == "payment.process");
        Assert.Equal(request.SpanId, payment.ParentSpanId);
        Assert.Equal("centralized", payment.GetTagItem("payment.mode"));
        Assert.Equal("stripe_platform", payment.GetTagItem("payment.processor"));
        Assert.Equal("completed", payment.GetTagItem("payment.outcome"));
        var call = Assert.Single(inRequest, s => s.OperationName == "processor.call");
        Assert.Equal(payment.SpanId, call.ParentSpanId);
        Assert.Equal("success", call.GetTagItem("outcome"));
        // Stripe.net's HTTP call to the (simulated) Stripe API, traced by the HttpClient instrumentation.
        Assert.Contains(inRequest, s => s.Kind == ActivityKind.Client && s.ParentSpanId == call.SpanId && s.GetTagItem("url.full")?.ToString()?.Contains("/v1/payment_intents") == true);

        Assert.Contains(Points(telemetry.Metrics, "bookedbarber.payments"),
            p => p.Key == "payment.mode=centralized,payment.outcome=completed,payment.processor=stripe_platform" && (long)p.Value! >= 1);
        Assert.Contains(Points(telemetry.Metrics, "bookedbarber.processor.call.duration"), p => p.Key == "outcome=success,payment.processor=stripe_platform");
        Assert.Contains(Points(telemetry.Metrics, "http.server.request.duration"),
            p => p.Key == "http.request.method=POST,http.response.status_code=200,http.route=/api/v1/hybrid-payments/process");
    }

    [Fact]
    public async Task Declined_IsCountedAsDeclined()
    {
        var (host, telemetry) = await StartAsync(azurite);
        await using var _ = host;
        var appointment = await host.NewAppointmentAsync(2);

        await ApiAssert.Error(await host.ProcessAsync(2, Payments.Body(appointment, "tok_chargeDeclined")), 422, "PAYMENT_DECLINED");
        Flush(host);

        Assert.Contains(telemetry.Spans, s => s.OperationName == "payment.process" && (string?)s.GetTagItem("payment.outcome") == "declined");
        Assert.Contains(Points(telemetry.Metrics, "bookedbarber.payments"), p => p.Key == "payment.mode=centralized,payment.outcome=declined,payment.processor=stripe_platform");
    }

    [Fact]
    public async Task TimerJob_IsASpan_AndCountedByOutcome()
    {
        var (host, telemetry) = await StartAsync(azurite);
        await using var _ = host;

        await host.Services.GetRequiredService<Queues.QueueDispatcher>().RunJobAsync("MaintenanceSweep", CancellationToken.None);
        Flush(host);

        Assert.Contains(telemetry.Spans, s => s.DisplayName == "job MaintenanceSweep" && s.Status != ActivityStatusCode.Error);
        Assert.Contains(Points(telemetry.Metrics, "bookedbarber.jobs"), p => p.Key == "job=MaintenanceSweep,outcome=success");
    }

    [Fact]
    public async Task LogsAndSpans_NeverCarryTokensCardTokensOrRawRequestText()
    {
        var (host, telemetry) = await StartAsync(azurite);
        await using var _ = host;
        var token = host.BarberToken(2);
        const string CardToken = "tok_redaction_probe_4d1f";
        const string WeirdPath = "weird-path-probe-%3Cscript%3E";
        const string QueryProbe = "query-probe-77";
        var appointment = await host.NewAppointmentAsync(2);

        await host.SendAsync(HttpMethod.Post, "hybrid-payments/process", token, Payments.Body(appointment, CardToken));
        await host.SendAsync(HttpMethod.Get, $"hybrid-payments/options/{WeirdPath}?amount={QueryProbe}", token);
        await host.SendAsync(HttpMethod.Get, $"no/such/{WeirdPath}", token);
        await host.SendAsync(HttpMethod.Get, "hybrid-payments/my-options", token[..^4] + "AAAA"); // tampered
        await host.SendAsync(HttpMethod.Post, "hybrid-payments/route", token, "{\"card\":\"" + CardToken + "\", not json");
        Flush(host);

        var secrets = new[] { token, token.Split('.')[2], token[..^4] + "AAAA", CardToken, "weird-path-probe", QueryProbe };
        Assert.NotEmpty(telemetry.Logs.Records);
        foreach (var record in telemetry.Logs.Records)
            foreach (var secret in secrets)
                Assert.False(record.Contains(secret, StringComparison.Ordinal), $"A log record carries '{secret}': {record}");
        // The test's own HttpClient calls are traced in this process too: they are the client, not the application.
        var ownCalls = host.Client.BaseAddress!.GetLeftPart(UriPartial.Authority);
        foreach (var span in telemetry.Spans.Where(s => s.GetTagItem("url.full")?.ToString()?.StartsWith(ownCalls, StringComparison.Ordinal) != true))
            foreach (var (key, value) in span.TagObjects)
                foreach (var secret in secrets)
                    Assert.False(value?.ToString()?.Contains(secret, StringComparison.Ordinal) == true, $"Span {span.DisplayName} tag {key} carries '{secret}'.");
    }
}

/// <summary>Every log record the host writes, as text: the message, each state value, the exception and its scopes.</summary>
public sealed class LogCapture : ILoggerProvider
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _records = new();

    public IReadOnlyCollection<string> Records => _records;

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _records);

    public void Dispose() { }

    private sealed class Logger(string category, System.Collections.Concurrent.ConcurrentQueue<string> records) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull
        {
            records.Enqueue($"{category} scope: {Describe(state)}");
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            records.Enqueue($"{category} [{logLevel}] {formatter(state, exception)} | {Describe(state)} | {exception}");

        private static string Describe<TState>(TState state) => state is IEnumerable<KeyValuePair<string, object?>> pairs
            ? string.Join("; ", pairs.Select(p => $"{p.Key}={p.Value}"))
            : state?.ToString() ?? "";
    }
}
