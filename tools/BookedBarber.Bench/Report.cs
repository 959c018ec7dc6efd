using System.Globalization;
using System.Text;
using System.Text.Json;

namespace BookedBarber.Bench;

/// <summary>A latency goal from the issue: <see cref="Scenario"/>'s p95 at <see cref="Concurrency"/> below <see cref="P95LimitMs"/>.</summary>
public sealed record Goal(string Scenario, int Concurrency, double P95LimitMs, double? P95Ms, double? P95VsRawRead, double? FloorP95Ms = null)
{
    /// <summary>Null when the scenario was not measured at that concurrency (filtered out or other levels).</summary>
    public bool? Met => P95Ms is { } p95 ? p95 < P95LimitMs : null;

    public string Line() => Met switch
    {
        null => Invariant($"goal: {Scenario} p95 @ {Concurrency} < {P95LimitMs:0} ms: not measured"),
        var met => Invariant($"goal: {Scenario} p95 @ {Concurrency} < {P95LimitMs:0} ms: {P95Ms:0.00} ms") +
            (P95VsRawRead is { } ratio ? Invariant($" ({ratio:0.0}x raw read)") : "") + (met == true ? " PASS" : " MISS") +
            (FloorP95Ms is { } floor ? Invariant($"; its storage alone, raw: p95 {floor:0.00} ms") : ""),
    };

    private static string Invariant(FormattableString value) => value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>The results as an aligned text table (stdout) and as JSON (<c>.bench/results.json</c>).</summary>
public static class Report
{
    /// <summary>The goals at concurrency 16: route p95 &lt; 25 ms, process p95 &lt; 60 ms (each processor), lists and analytics within 3x a raw read.</summary>
    public static IReadOnlyList<Goal> Goals(IReadOnlyList<Measurement> measurements)
    {
        const int concurrency = 16;
        double? P95(string scenario) => measurements.FirstOrDefault(m => m.Scenario == scenario && m.Concurrency == concurrency)?.P95Ms;
        Goal For(string scenario, double limit, string? storage = null) =>
            measurements.FirstOrDefault(m => m.Scenario == scenario && m.Concurrency == concurrency) is { } m
                ? new Goal(scenario, concurrency, limit, m.P95Ms, m.P95VsRawRead, storage is null ? null : P95(storage))
                : new Goal(scenario, concurrency, limit, null, null);
        // The transactions list, my-collections, analytics (1_year) and the dashboard are held to 3x the raw point read's p95 of the same run; webhook accept to twice a raw
        // insert's (verify, record the event id, enqueue).
        var listLimit = 3 * (P95(RawTable.PointRead) ?? double.NaN);
        var webhookLimit = P95(RawTable.Insert) is { } insert ? 2 * insert : double.PositiveInfinity;
        return
        [
            For(Scenarios.Route, 25), For(Scenarios.ProcessStripe, 60, RawTable.PaymentStorage), For(Scenarios.ProcessSquare, 60, RawTable.PaymentStorage),
            For(Scenarios.TransactionsList, listLimit), For(Scenarios.MyCollections, listLimit), For(WebhookBench.Accept, webhookLimit, RawTable.Insert),
            For(AnalyticsBench.Analytics, listLimit), For(AnalyticsBench.Dashboard, listLimit),
        ];
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { WriteIndented = true, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals }; // a goal not measured is NaN

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

    public static async Task WriteJsonAsync(string path, LoadSettings settings, IReadOnlyList<Measurement> measurements,
        IReadOnlyList<Goal> goals, StormResult? storm, SyncBenchResult? sync = null, CollectionRunResult? collectionRun = null,
        AnalyticsRebuildResult? analyticsRebuild = null)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var document = new
        {
            GeneratedAt = DateTimeOffset.UtcNow,
            Machine = new { Environment.ProcessorCount, Os = System.Runtime.InteropServices.RuntimeInformation.OSDescription, Runtime = Environment.Version.ToString() },
            Settings = new { DurationSeconds = settings.Duration.TotalSeconds, settings.Requests, settings.WarmupRequests, settings.Concurrency },
            Results = measurements,
            Goals = goals.Select(g => new { g.Scenario, g.Concurrency, g.P95LimitMs, g.P95Ms, g.P95VsRawRead, g.Met, StorageFloorP95Ms = g.FloorP95Ms }),
            SameKeyStorm = storm is null ? null : new { storm.Requests, storm.Ok, storm.Replayed, storm.Conflicts, storm.ConflictCodes,
                storm.OtherStatuses, storm.PaymentIds, storm.FollowUp, storm.Passed, storm.ElapsedMs },
            Sync = sync is null ? null : new { sync.Payments, sync.Pages, sync.New, sync.Errors, sync.Stored, sync.SyncSeconds, sync.RawSeconds, sync.Ratio,
                GoalSeconds = SyncBench.GoalSeconds, GoalRatio = SyncBench.GoalRatio, sync.Passed },
            CollectionRun = collectionRun is null ? null : new { collectionRun.Barbers, collectionRun.TransactionsPerBarber, collectionRun.SeedSeconds,
                collectionRun.FanOutSeconds, collectionRun.RunSeconds, collectionRun.RawSeconds, collectionRun.Ratio, collectionRun.Pending, collectionRun.Claimed,
                collectionRun.Failures, GoalSeconds = CollectionRunBench.GoalSeconds, collectionRun.Passed },
            AnalyticsRebuild = analyticsRebuild is null ? null : new { analyticsRebuild.Payments, analyticsRebuild.SeedSeconds, analyticsRebuild.RebuildSeconds,
                analyticsRebuild.PaymentsRead, analyticsRebuild.MonthsWritten, analyticsRebuild.Days, analyticsRebuild.SecondRebuildSeconds,
                analyticsRebuild.SecondMonthsWritten, analyticsRebuild.RawRows, analyticsRebuild.RawReadSeconds, GoalSeconds = AnalyticsBench.RebuildGoalSeconds, analyticsRebuild.Passed },
        };
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(document, JsonOptions));
    }

    private static string Invariant(FormattableString value) => value.ToString(CultureInfo.InvariantCulture);
}
