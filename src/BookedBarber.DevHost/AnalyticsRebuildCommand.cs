using System.Text;
using System.Text.Json;
using BookedBarber.Payments.Analytics.Rollups.Storage;

namespace BookedBarber.DevHost;

/// <summary>
/// <c>analytics rebuild [--barber N]</c> against the running dev host: with a barber, rebuilds their stored rollups now
/// (<c>POST /internal/analytics/rebuild</c>, as an admin) and prints what it did; without, runs the nightly
/// <c>AnalyticsRollup</c> timer (the Functions admin call), which queues a rebuild of every barber.
/// </summary>
public static class AnalyticsRebuildCommand
{
    public const string Usage = "usage: ./dev.sh analytics rebuild [--barber N]    rebuilds one barber's stored rollups now, or queues every barber's";

    public static async Task<int> RunAsync(string[] args, DevHostOptions options, IConfiguration environment, TextWriter output, HttpClient? http = null)
    {
        if (args.Length == 0 || args[0] != "rebuild") throw new ArgumentException(args.Length == 0 ? "Say what to do with analytics." : $"Unknown analytics command {args[0]}.");
        var barber = OperatorCall.BarberOption(args, "analytics rebuild");
        var api = DevHostEndpoints.Load(options.DataDirectory).Api;
        using var owned = http is null ? new HttpClient() : null;
        var client = http ?? owned!;
        if (barber is null)
        {
            using var run = new HttpRequestMessage(HttpMethod.Post, new Uri(new Uri(api), FunctionsAdminEndpoint.PathPrefix + "/" + AnalyticsRollupJob.Name))
            {
                Content = new StringContent("""{"input":""}""", Encoding.UTF8, "application/json"),
            };
            using var ran = await client.SendAsync(run);
            if (!ran.IsSuccessStatusCode) throw new InvalidOperationException($"The dev host answered {(int)ran.StatusCode}: {await ran.Content.ReadAsStringAsync()}");
            output.WriteLine($"{AnalyticsRollupJob.Name} ran: a rebuild of every barber is queued on {AnalyticsRollupMessage.QueueName}");
            return 0;
        }

        using var done = await OperatorCall.AsAdminAsync(HttpMethod.Post, "internal/analytics/rebuild", $$"""{"barber_id":{{barber}}}""", options, environment, http);
        var r = done.RootElement;
        output.WriteLine($"barber {r.GetProperty("barber_id")}: {r.GetProperty("months_written")} months written, {r.GetProperty("days")} days, "
            + $"{r.GetProperty("payments")} payments read in {r.GetProperty("elapsed_ms")} ms");
        return 0;
    }
}
