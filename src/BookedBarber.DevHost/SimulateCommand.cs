using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BookedBarber.Payments.Connections;
using BookedBarber.Payments.Security;

namespace BookedBarber.DevHost;

/// <summary>
/// <c>simulate square-location|square-payment|square-refund|stripe-balance ...</c>: does at the running dev host's
/// simulators what a barber does in Square's dashboard, at the chair or to their Stripe balance, so the API sees it the
/// way it sees real processors (webhooks, sync, charges). Each prints its result as its last line.
/// </summary>
public static class SimulateCommand
{
    public const string Usage = """
        usage: ./dev.sh simulate square-location [--name NAME]                          prints LOCATION_ID ACCESS_TOKEN
               ./dev.sh simulate square-payment --barber N --amount A [--appointment ID]  prints the Square payment id
               ./dev.sh simulate square-refund --payment ID [--amount A]                  prints the Square refund id
               ./dev.sh simulate stripe-balance --account ACCT --amount A                 sets a Connect account's available USD balance
        """;

    public static async Task<int> RunAsync(string[] args, DevHostOptions options, IConfiguration environment, TextWriter output, HttpClient? http = null)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help")
        {
            output.WriteLine(Usage);
            return args.Length == 0 ? 2 : 0;
        }

        var values = Options(args[1..]);
        var endpoints = DevHostEndpoints.Load(options.DataDirectory);
        var simulators = endpoints.Simulators
            ?? throw new InvalidOperationException("The running dev host talks to real processors (keys are configured): there is no simulator to drive.");
        using var owned = http is null ? new HttpClient() : null;
        var client = http ?? owned!;
        switch (args[0])
        {
            case "square-location":
            {
                var opened = await PostAsync(client, simulators, "locations", new JsonObject { ["name"] = values.GetValueOrDefault("--name") ?? "My Barbershop" });
                output.WriteLine($"merchant {opened["merchant_id"]}, application {opened["application_id"]}, refresh token {opened["refresh_token"]}");
                output.WriteLine($"{opened["location_id"]} {opened["access_token"]}");
                return 0;
            }

            case "square-payment":
            {
                var barber = PositiveInt(Required(values, "--barber"), "--barber");
                var amount = Minor(Required(values, "--amount"), "--amount");
                var location = await ConnectedLocationAsync(client, endpoints.Api, barber, options, environment, output);
                var body = new JsonObject { ["location_id"] = location, ["amount"] = amount };
                if (values.GetValueOrDefault("--appointment") is { } appointment)
                {
                    // The reference our integration asks barbers' POS to carry (AppointmentReference.Format).
                    body["reference_id"] = $"bb-appt-{PositiveInt(appointment, "--appointment")}";
                }

                var payment = (await PostAsync(client, simulators, "payments", body))["payment"]!;
                output.WriteLine($"took {amount / 100m:0.00} {payment["total_money"]!["currency"]} at {location} ({payment["card_details"]!["entry_method"]})");
                output.WriteLine((string?)payment["id"]);
                return 0;
            }

            case "square-refund":
            {
                var body = new JsonObject { ["payment_id"] = Required(values, "--payment") };
                if (values.GetValueOrDefault("--amount") is { } amount)
                {
                    body["amount"] = Minor(amount, "--amount");
                }

                var refund = (await PostAsync(client, simulators, "refunds", body))["refund"]!;
                output.WriteLine($"refund of {(long)refund["amount_money"]!["amount"]! / 100m:0.00} {refund["amount_money"]!["currency"]} is {refund["status"]}");
                output.WriteLine((string?)refund["id"]);
                return 0;
            }

            case "stripe-balance":
            {
                // What a barber's payouts or top-ups do to the balance a commission debit takes from.
                var account = Required(values, "--account");
                if (!account.StartsWith("acct_", StringComparison.Ordinal)) throw new ArgumentException("--account must be a Connect account id (acct_…).");
                var available = Minor(Required(values, "--amount"), "--amount");
                using var response = await client.PostAsJsonAsync($"{simulators}/_simulator/stripe/accounts/{Uri.EscapeDataString(account)}/balance",
                    new JsonObject { ["currency"] = "usd", ["available"] = available });
                var text = await response.Content.ReadAsStringAsync();
                if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"The Stripe simulator refused: {text}");
                var balance = JsonNode.Parse(text)!;
                output.WriteLine($"{balance["account"]} {(long)balance["available"]! / 100m:0.00} {balance["currency"]}");
                return 0;
            }

            default:
                throw new ArgumentException($"Unknown simulation {args[0]}.");
        }
    }

    /// <summary>
    /// The barber's connected Square location, as the API lists it.
    /// </summary>
    private static async Task<string> ConnectedLocationAsync(
        HttpClient client, string api, int barber, DevHostOptions options, IConfiguration environment, TextWriter output)
    {
        var token = TokenCommand.Issuer(options, environment).Issue(barber, Roles.Barber, null, null, TimeSpan.FromMinutes(5));
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{api}/external-payments/connections");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.SendAsync(request);
        if (response.IsSuccessStatusCode)
        {
            var listed = JsonNode.Parse(await response.Content.ReadAsStringAsync())?["connections"]?.AsArray() ?? [];
            var square = listed.FirstOrDefault(c => (string?)c?["processor_type"] == ProcessorTypes.Square
                && (string?)c?["status"] is "connected" or "active");
            if ((string?)square?["account_id"] is { Length: > 0 } location)
            {
                return location;
            }
        }
        else
        {
            throw new InvalidOperationException($"The API answered {(int)response.StatusCode} to listing barber {barber}'s connections.");
        }

        throw new InvalidOperationException($"Barber {barber} has no connected Square location: open one with ./dev.sh simulate square-location and connect it through the API.");
    }

    private static async Task<JsonNode> PostAsync(HttpClient client, string simulators, string what, JsonObject body)
    {
        using var response = await client.PostAsJsonAsync($"{simulators}/_simulator/square/{what}", body);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            var detail = (string?)JsonNode.Parse(text)?["errors"]?[0]?["detail"] ?? text;
            throw new InvalidOperationException($"The Square simulator refused: {detail}");
        }

        return JsonNode.Parse(text)!;
    }

    private static Dictionary<string, string> Options(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] is not ("--name" or "--barber" or "--amount" or "--appointment" or "--payment" or "--account"))
                throw new ArgumentException($"Unknown option {args[i]}.");
            values[args[i]] = i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
        }

        return values;
    }

    private static string Required(Dictionary<string, string> values, string name) =>
        values.GetValueOrDefault(name) ?? throw new ArgumentException($"{name} is required.");

    private static int PositiveInt(string value, string option) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : throw new ArgumentException($"{option} must be a positive integer.");

    // Amounts are written as in the API (45.00); the simulator takes minor units.
    private static long Minor(string value, string option) =>
        decimal.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount) && amount > 0 && decimal.Round(amount, 2) == amount
            ? (long)(amount * 100)
            : throw new ArgumentException($"{option} must be a positive amount with at most two decimals, e.g. 45.00.");
}
