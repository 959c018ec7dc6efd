using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using BookedBarber.Payments.Security;

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
        int? barber = args.Length switch
        {
            1 => null,
            3 when args[1] == "--barber" && int.TryParse(args[2], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 => n,
            _ => throw new ArgumentException("collections check takes only --barber N (a positive integer)."),
        };

        var api = DevHostEndpoints.Load(options.DataDirectory).Api;
        var token = TokenCommand.Issuer(options, environment).Issue(DemoWorld.AdminId, Roles.Admin, null, null, TimeSpan.FromMinutes(5));
        using var owned = http is null ? new HttpClient() : null;
        var client = http ?? owned!;
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{api}/internal/collections/check" + (barber is { } b ? $"?barber_id={b}" : ""));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"The API answered {(int)response.StatusCode}: {text}");

        using var report = JsonDocument.Parse(text);
        var root = report.RootElement;
        var violations = root.GetProperty("violations");
        foreach (var v in violations.EnumerateArray())
            output.WriteLine($"barber {v.GetProperty("barber_id")} collection {v.GetProperty("collection_id")} transaction {v.GetProperty("transaction_id")}: "
                + $"{v.GetProperty("rule").GetString()}: {v.GetProperty("detail").GetString()}");
        output.WriteLine($"{root.GetProperty("barbers_checked")} barbers, {root.GetProperty("collections_checked")} collections checked, {violations.GetArrayLength()} violations");
        return violations.GetArrayLength() == 0 ? 0 : 1;
    }
}
