using System.Text.Json;

namespace BookedBarber.DevHost;

/// <summary>
/// <c>collections check [--barber N]</c>: asks the running dev host's invariant checker
/// (<c>GET /internal/collections/check</c>, as an admin) and prints its report. Exit code 0 when every invariant holds,
/// 1 when it found violations (so scripts and CI can stop on it), 2 for bad usage or no answer.
/// </summary>
public static class CollectionsCommand
{
    public const string Usage = "usage: ./dev.sh collections check [--barber N]    prints the invariant report; exit 1 when something is wrong";

    public static async Task<int> RunAsync(string[] args, DevHostOptions options, IConfiguration environment, TextWriter output, HttpClient? http = null)
    {
        if (args.Length == 0 || args[0] != "check") throw new ArgumentException(args.Length == 0 ? "Say what to do with collections." : $"Unknown collections command {args[0]}.");
        var barber = OperatorCall.BarberOption(args, "collections check");
        using var report = await OperatorCall.AsAdminAsync(HttpMethod.Get, "internal/collections/check" + (barber is { } b ? $"?barber_id={b}" : ""), null, options, environment, http);
        var root = report.RootElement;
        var violations = root.GetProperty("violations");
        foreach (var v in violations.EnumerateArray())
            output.WriteLine($"barber {v.GetProperty("barber_id")} collection {v.GetProperty("collection_id")} transaction {v.GetProperty("transaction_id")}: "
                + $"{v.GetProperty("rule").GetString()}: {v.GetProperty("detail").GetString()}");
        output.WriteLine($"{root.GetProperty("barbers_checked")} barbers, {root.GetProperty("collections_checked")} collections checked, {violations.GetArrayLength()} violations");
        return violations.GetArrayLength() == 0 ? 0 : 1;
    }
}
