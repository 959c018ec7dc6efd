using System.Text.Json;

namespace BookedBarber.DevHost;

/// <summary>
/// <c>analytics check [--barber N]</c>: asks the running dev host's analytics consistency checker
/// (<c>GET /internal/analytics/check</c>, as an admin) and prints each finding and a summary line. Exit code 0 when
/// analytics agree with the ledger, 1 when something disagrees, 2 for bad usage or no answer.
/// </summary>
public static class AnalyticsCheckCommand
{
    public const string Usage = "usage: ./dev.sh analytics check [--barber N]    compares analytics with the ledger; exit 1 when a figure disagrees";

    /// <summary>Whether the arguments (after <c>analytics</c>) are this command's.</summary>
    public static bool Handles(string[] args) => args.Length > 0 && args[0] == "check";

    public static async Task<int> RunAsync(string[] args, DevHostOptions options, IConfiguration environment, TextWriter output, HttpClient? http = null)
    {
        if (!Handles(args)) throw new ArgumentException(args.Length == 0 ? "Say what to do with analytics." : $"Unknown analytics command {args[0]}.");
        var barber = OperatorCall.BarberOption(args, "analytics check");
        using var report = await OperatorCall.AsAdminAsync(HttpMethod.Get, "internal/analytics/check" + (barber is { } b ? $"?barber_id={b}" : ""), null, options, environment, http);
        var root = report.RootElement;
        var findings = root.GetProperty("findings");
        foreach (var f in findings.EnumerateArray())
            output.WriteLine($"barber {f.GetProperty("barber_id")} {f.GetProperty("period").GetString()} {f.GetProperty("check").GetString()}: "
                + $"{f.GetProperty("figure").GetString()}{(f.TryGetProperty("currency", out var c) && c.ValueKind == JsonValueKind.String ? " " + c.GetString() : "")} expected {f.GetProperty("expected")} but got {f.GetProperty("actual")}");
        output.WriteLine($"{root.GetProperty("barbers_checked")} barbers, {root.GetProperty("figures_checked")} figures checked, {findings.GetArrayLength()} findings");
        return findings.GetArrayLength() == 0 ? 0 : 1;
    }
}
