using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace BookedBarber.Payments.Telemetry;

/// <summary>
/// The application's one <see cref="ActivitySource"/> and one <see cref="Meter"/>, both named <see cref="Name"/>, and
/// the few spans and instruments recorded through them. Tags never carry tokens, card data, credentials or raw
/// request text: routes are catalog templates, outcomes are short fixed words, errors are exception type names.
/// </summary>
public static class PaymentsTelemetry
{
    public const string Name = "BookedBarber.Payments";

    public static readonly ActivitySource Source = new(Name, "1.0.0");

    public static readonly Meter Meter = new(Name, "1.0.0");

    /// <summary>Settled payment attempts: <c>payment.mode</c> (centralized, external, fallback: how routing took it), <c>payment.processor</c>, <c>payment.outcome</c>.</summary>
    public static readonly Counter<long> Payments = Meter.CreateCounter<long>("bookedbarber.payments", "{payment}", "Payment attempts settled, by mode, processor and outcome.");

    /// <summary>One call to a processor's API (each retry is a call), by <c>payment.processor</c> and <c>outcome</c>.</summary>
    public static readonly Histogram<double> ProcessorDuration = Meter.CreateHistogram<double>("bookedbarber.processor.call.duration", "s", "Latency of calls to Stripe and Square.");

    /// <summary>Queue messages handled, by <c>messaging.destination.name</c> and <c>outcome</c>.</summary>
    public static readonly Counter<long> QueueMessages = Meter.CreateCounter<long>("bookedbarber.queue.messages", "{message}", "Queue messages handled, by queue and outcome.");

    /// <summary>Timer jobs run, by <c>job</c> and <c>outcome</c>.</summary>
    public static readonly Counter<long> JobRuns = Meter.CreateCounter<long>("bookedbarber.jobs", "{run}", "Scheduled jobs run, by job and outcome.");

    /// <summary>API requests through the dispatcher (OpenTelemetry's HTTP server convention).</summary>
    public static readonly Histogram<double> RequestDuration = Meter.CreateHistogram<double>("http.server.request.duration", "s", "Duration of API requests.");

    public const string Success = "success";
    public const string Error = "error";

    /// <summary>The span of one API request; named for its route once routing has found it.</summary>
    public static Activity? StartRequest(string method, string requestId) =>
        Source.StartActivity("HTTP " + method, ActivityKind.Server)?.SetTag("http.request.method", method).SetTag("request.id", requestId);

    /// <summary>Ends a request: its route template (never the raw path), status and duration.</summary>
    public static void EndRequest(Activity? activity, string method, string? route, int status, long startedTimestamp)
    {
        var template = route is null ? null : "/" + Http.RouteTable.Prefix + "/" + route;
        TagList tags = new() { { "http.request.method", method }, { "http.response.status_code", status } };
        if (template is not null) tags.Add("http.route", template);
        RequestDuration.Record(Stopwatch.GetElapsedTime(startedTimestamp).TotalSeconds, tags);
        if (activity is null) return;
        if (template is not null) activity.DisplayName = method + " " + template;
        activity.SetTag("http.route", template).SetTag("http.response.status_code", status);
        if (status >= 500) activity.SetStatus(ActivityStatusCode.Error);
    }

    /// <summary>The span of one settled payment attempt, tagged with how it ended.</summary>
    public static Activity? StartPayment(int barberId, int appointmentId) =>
        Source.StartActivity("payment.process")?.SetTag("payment.barber_id", barberId).SetTag("payment.appointment_id", appointmentId);

    /// <summary>Counts a settled attempt and tags the current payment span with its mode, processor and outcome.</summary>
    public static void RecordPayment(string mode, string processor, string outcome)
    {
        TagList tags = new() { { "payment.mode", mode }, { "payment.processor", processor }, { "payment.outcome", outcome } };
        Payments.Add(1, tags);
        if (Activity.Current is { OperationName: "payment.process" } activity)
            activity.SetTag("payment.mode", mode).SetTag("payment.processor", processor).SetTag("payment.outcome", outcome);
    }

    /// <summary>Wraps one processor call in a span and the latency histogram (the HTTP call itself is a child span).</summary>
    public static Func<CancellationToken, Task<T>> Timed<T>(string processor, Func<CancellationToken, Task<T>> call) => async cancellationToken =>
    {
        using var activity = Source.StartActivity("processor.call", ActivityKind.Internal)?.SetTag("payment.processor", processor);
        var started = Stopwatch.GetTimestamp();
        var outcome = Error;
        string? errorType = null;
        try
        {
            var result = await call(cancellationToken);
            outcome = Success;
            return result;
        }
        catch (Exception ex)
        {
            errorType = ex.GetType().Name;
            activity?.SetStatus(ActivityStatusCode.Error).SetTag("error.type", errorType);
            throw;
        }
        finally
        {
            TagList tags = new() { { "payment.processor", processor }, { "outcome", outcome } };
            if (errorType is not null) tags.Add("error.type", errorType);
            ProcessorDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, tags);
            activity?.SetTag("outcome", outcome);
        }
    };

    /// <summary>Runs queue or timer work in a span and counts its outcome.</summary>
    public static async Task RunAsync(string spanName, ActivityKind kind, Counter<long> counter, string tagName, string tagValue, Func<Task> work)
    {
        using var activity = Source.StartActivity(spanName, kind)?.SetTag(tagName, tagValue);
        try
        {
            await work();
            counter.Add(1, new KeyValuePair<string, object?>(tagName, tagValue), new("outcome", Success));
        }
        catch (Exception ex)
        {
            activity?.SetStatus(ActivityStatusCode.Error).SetTag("error.type", ex.GetType().Name);
            counter.Add(1, new KeyValuePair<string, object?>(tagName, tagValue), new("outcome", Error), new("error.type", ex.GetType().Name));
            throw;
        }
    }
}
