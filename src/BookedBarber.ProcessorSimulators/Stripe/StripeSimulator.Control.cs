using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace BookedBarber.ProcessorSimulators.Stripe;

// Control endpoints under /_simulator/stripe (loopback callers only): what Stripe or a barber changes outside the API
// (a connected account's balance, a restriction) and what tests count (every charge and debit). Not part of Stripe's API.
public sealed partial class StripeSimulator
{
    private void MapControl(WebApplication app)
    {
        var control = app.MapGroup("/_simulator/stripe");
        control.AddEndpointFilter((context, next) =>
            context.HttpContext.Connection.RemoteIpAddress is { } ip && IPAddress.IsLoopback(ip)
                ? next(context)
                : ValueTask.FromResult<object?>(ControlJson(403, StripeJson.Error("invalid_request_error", "The simulator's control endpoints answer loopback callers only."))));

        // {"currency": "usd", "available": 2500 (minor units)} → {"account", "currency", "available"}
        control.MapPost("/accounts/{id}/balance", async (HttpContext http, string id) =>
        {
            var body = await ReadControlBodyAsync(http);
            var currency = body?["currency"] is JsonValue c && c.TryGetValue(out string? text) && text.Length == 3 ? text.ToLowerInvariant() : "usd";
            if (body?["available"] is not JsonValue value || !value.TryGetValue(out long available))
            {
                return ControlJson(400, StripeJson.Error("invalid_request_error", "Send available (minor units) and optionally currency.", param: "available"));
            }

            SetAvailableBalance(id, available, currency);
            return ControlJson(200, BalanceView(id, currency));
        });

        control.MapGet("/accounts/{id}/balance", (string id, string? currency) =>
            ControlJson(200, BalanceView(id, (currency ?? "usd").ToLowerInvariant())));

        // Charges and payouts off (requirements past due): account debits and charges on the account are refused.
        control.MapPost("/accounts/{id}/restrict", (string id) =>
        {
            Restrict(id);
            return ControlJson(200, AccountView(id));
        });

        control.MapPost("/accounts/{id}/unrestrict", (string id) =>
        {
            Enable(id);
            return ControlJson(200, AccountView(id));
        });

        // ?metadata[collection_id]=123&status=succeeded → {"object": "list", "data": [charge…]} on every account, oldest first.
        control.MapGet("/charges", (HttpContext http) =>
        {
            var form = StripeForm.FromQuery(http.Request.Query);
            var metadata = form.Hash("metadata");
            var status = form["status"];
            lock (_gate)
            {
                var found = _charges
                    .Where(c => (status is null || c.Status == status) && metadata.All(m => c.Metadata.GetValueOrDefault(m.Key) == m.Value))
                    .OrderBy(c => c.Seq)
                    .Select(ChargeJson);
                return ControlJson(200, StripeJson.List("/_simulator/stripe/charges", found, false));
            }
        });
    }

    private JsonObject BalanceView(string account, string currency) => new()
    {
        ["account"] = account, ["currency"] = currency, ["available"] = AvailableBalance(account, currency),
    };

    private JsonObject AccountView(string id)
    {
        lock (_gate)
        {
            return StripeJson.Account(id, CurrentSetup(id) ?? new StripeAccountSetup(), _accountCreated.GetValueOrDefault(id, Clock.GetUtcNow()));
        }
    }

    private static async Task<JsonObject?> ReadControlBodyAsync(HttpContext http)
    {
        try
        {
            return await JsonNode.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static IResult ControlJson(int status, JsonNode body) =>
        Results.Content(body.ToJsonString(), "application/json", Encoding.UTF8, status);
}
