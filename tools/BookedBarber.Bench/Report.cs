using System.Globalization;
using System.Text;
using System.Text.Json;

namespace BookedBarber.Bench;

/// <summary>The results as an aligned text table (stdout) and as JSON (<c>.bench/results.json</c>).</summary>
public static class Report
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static IReadOnlyList<Measurement> WithRatios(IReadOnlyList<Measurement> measurements)
    {
        var rawRead = measurements.Where(m => m.Scenario == RawTable.PointRead).ToDictionary(m => m.Concurrency, m => m.P95Ms);
        return measurements
            .Select(m => m with { P95VsRawRead = rawRead.TryGetValue(m.Concurrency, out var floor) && floor > 0 ? m.P95Ms / floor : null })
            .ToList();
    }

    public static string Table(IReadOnlyList<Measurement> measurements)
    {
        string[] header = ["scenario", "conc", "requests", "errors", "p50 ms", "p95 ms", "p99 ms", "req/s", "p95/raw read"];
        var rows = measurements.Select(m => new[]
        {
            m.Scenario, Invariant($"{m.Concurrency}"), Invariant($"{m.Requests}"), Invariant($"{m.Errors}"),
            Invariant($"{m.P50Ms:0.00}"), Invariant($"{m.P95Ms:0.00}"), Invariant($"{m.P99Ms:0.00}"), Invariant($"{m.RequestsPerSecond:0}"),
            m.P95VsRawRead is { } ratio ? Invariant($"{ratio:0.0}x") : "-",
        }).ToList();
        var widths = header.Select((h, i) => rows.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();

        var text = new StringBuilder();
        void Line(string[] cells) => text.AppendLine(string.Join("  ",
            cells.Select((c, i) => i == 0 ? c.PadRight(widths[i]) : c.PadLeft(widths[i]))).TrimEnd());
        Line(header);
        Line(widths.Select(w => new string('-', w)).ToArray());
        foreach (var row in rows) Line(row);
        foreach (var m in measurements.Where(m => m.FirstError is not null))
            text.AppendLine(Invariant($"! {m.Scenario} @ {m.Concurrency}: {m.Errors} unexpected, first: {m.FirstError}"));
        return text.ToString();
    }

    public static async Task WriteJsonAsync(string path, LoadSettings settings, IReadOnlyList<Measurement> measurements)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var document = new
        {
            GeneratedAt = DateTimeOffset.UtcNow,
            Machine = new { Environment.ProcessorCount, Os = System.Runtime.InteropServices.RuntimeInformation.OSDescription, Runtime = Environment.Version.ToString() },
            Settings = new { DurationSeconds = settings.Duration.TotalSeconds, settings.Requests, settings.WarmupRequests, settings.Concurrency },
            Results = measurements,
        };
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(document, JsonOptions));
    }

    private static string Invariant(FormattableString value) => value.ToString(CultureInfo.InvariantCulture);
}
