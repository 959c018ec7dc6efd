using System.Diagnostics;

namespace BookedBarber.Bench;

/// <summary>How long each measurement runs: until <see cref="Requests"/> are done or <see cref="Duration"/> has passed.</summary>
public sealed record LoadSettings(TimeSpan Duration, int Requests, int WarmupRequests, IReadOnlyList<int> Concurrency);

/// <summary>One operation measured at one concurrency.</summary>
public sealed record Measurement(string Scenario, int Concurrency, int Requests, int Errors, double P50Ms, double P95Ms, double P99Ms,
    double RequestsPerSecond, string? FirstError)
{
    /// <summary>p95 relative to the raw Table point read's p95 at the same concurrency.</summary>
    public double? P95VsRawRead { get; init; }
}

/// <summary>
/// A closed-loop load generator: <c>concurrency</c> workers each issue the next operation as soon as the
/// previous one answers. An operation returns null when it met expectations, or what went wrong.
/// </summary>
public static class LoadRunner
{
    public static async Task<Measurement> MeasureAsync(string name, Func<CancellationToken, Task<string?>> operation, int concurrency,
        LoadSettings settings, CancellationToken cancellationToken)
    {
        if (settings.WarmupRequests > 0)
            await RunAsync(operation, Math.Min(concurrency, settings.WarmupRequests), settings.WarmupRequests, settings.Duration, cancellationToken);
        var run = await RunAsync(operation, concurrency, settings.Requests, settings.Duration, cancellationToken);

        var latencies = run.Latencies.OrderBy(l => l).ToArray();
        return new Measurement(name, concurrency, latencies.Length, run.Errors,
            Percentile(latencies, 0.50), Percentile(latencies, 0.95), Percentile(latencies, 0.99),
            latencies.Length / run.Elapsed.TotalSeconds, run.FirstError);
    }

    private sealed record Run(List<double> Latencies, int Errors, string? FirstError, TimeSpan Elapsed);

    private static async Task<Run> RunAsync(Func<CancellationToken, Task<string?>> operation, int concurrency, int requests, TimeSpan duration,
        CancellationToken cancellationToken)
    {
        var issued = 0;
        var errors = 0;
        string? firstError = null;
        var clock = Stopwatch.StartNew();

        async Task<List<double>> WorkerAsync()
        {
            var latencies = new List<double>();
            while (clock.Elapsed < duration && Interlocked.Increment(ref issued) <= requests)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var start = Stopwatch.GetTimestamp();
                string? error;
                try
                {
                    error = await operation(cancellationToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    error = $"{ex.GetType().Name}: {ex.Message}";
                }
                latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                if (error is not null)
                {
                    Interlocked.Increment(ref errors);
                    Interlocked.CompareExchange(ref firstError, error, null);
                }
            }
            return latencies;
        }

        var workers = await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(WorkerAsync, cancellationToken)));
        return new Run(workers.SelectMany(w => w).ToList(), errors, firstError, clock.Elapsed);
    }

    // Nearest-rank percentile of sorted samples.
    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
