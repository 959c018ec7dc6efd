using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using BookedBarber.Payments.Security;

namespace BookedBarber.DevHost;

/// <summary>What the operators' commands (<c>collections check</c>, <c>analytics check|rebuild</c>) share: their
/// <c>[--barber N]</c> option and one call to the running dev host's API as the demo admin.</summary>
public static class OperatorCall
{
    /// <summary>The barber of <c>{verb} [--barber N]</c> (null without the option); bad usage is an <see cref="ArgumentException"/>.</summary>
    public static int? BarberOption(string[] args, string command) => args.Length switch
    {
        1 => null,
        3 when args[1] == "--barber" && int.TryParse(args[2], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 => n,
        _ => throw new ArgumentException($"{command} takes only --barber N (a positive integer)."),
    };

    /// <summary>Calls the API as the demo admin and parses its JSON answer; an error status is an <see cref="InvalidOperationException"/>.</summary>
    public static async Task<JsonDocument> AsAdminAsync(HttpMethod method, string path, string? jsonBody, DevHostOptions options, IConfiguration environment,
        HttpClient? http)
    {
        var api = DevHostEndpoints.Load(options.DataDirectory).Api;
        var token = TokenCommand.Issuer(options, environment).Issue(DemoWorld.AdminId, Roles.Admin, null, null, TimeSpan.FromMinutes(5));
        // A check of every barber reads their whole ledger: minutes, not the default 100 seconds, on a large world.
        using var owned = http is null ? new HttpClient { Timeout = TimeSpan.FromMinutes(5) } : null;
        using var request = new HttpRequestMessage(method, $"{api}/{path}");
        if (jsonBody is not null) request.Content = new StringContent(jsonBody, Encoding.UTF8, "application/json");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await (http ?? owned!).SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"The API answered {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text);
    }
}
