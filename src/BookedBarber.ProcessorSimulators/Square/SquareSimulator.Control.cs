using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace BookedBarber.ProcessorSimulators.Square;

// Control endpoints under /_simulator/square (loopback callers only): what a seller does in Square's dashboard or at
// the chair, for ./dev.sh simulate and scripts. Not part of Square's API.
public sealed partial class SquareSimulator
{
    private void MapControl(WebApplication app)
    {
        var control = app.MapGroup("/_simulator/square");
        control.AddEndpointFilter((context, next) =>
            context.HttpContext.Connection.RemoteIpAddress is { } ip && IPAddress.IsLoopback(ip)
                ? next(context)
                : ValueTask.FromResult<object?>(Error(403, "AUTHENTICATION_ERROR", "FORBIDDEN", "The simulator's control endpoints answer loopback callers only.")));

        // {"name": "...", "currency": "USD"} → a new seller with one location and its credentials.
        control.MapPost("/locations", async (HttpContext http) =>
        {
            var body = await ReadObjectAsync(http) ?? [];
            var merchant = OpenMerchant(Str(body, "name") ?? "Simulated Barbershop", Str(body, "currency") ?? "USD");
            string token;
            lock (_gate)
            {
                token = _tokens.Values.First(t => t.Merchant.Id == merchant.MerchantId).Value;
            }

            return Json(200, new JsonObject
            {
                ["merchant_id"] = merchant.MerchantId,
                ["location_id"] = merchant.MainLocationId,
                ["access_token"] = token,
                ["refresh_token"] = merchant.RefreshToken,
                ["application_id"] = merchant.ApplicationId,
                ["application_secret"] = merchant.ApplicationSecret,
            });
        });

        // {"location_id": "...", "amount": 4500 (minor units), "reference_id"?, "note"?, "entry_method"?} → {"payment": …}
        control.MapPost("/payments", async (HttpContext http) =>
        {
            var body = await ReadObjectAsync(http);
            if (body is null || Str(body, "location_id") is not { Length: > 0 } locationId
                || body["amount"] is not JsonValue amountValue || !amountValue.TryGetValue(out long amount) || amount <= 0)
            {
                return Error(400, "INVALID_REQUEST_ERROR", "BAD_REQUEST", "Send location_id and a positive amount in minor units.");
            }

            try
            {
                var taken = TakeInPersonPayment(locationId, amount, referenceId: Str(body, "reference_id"), note: Str(body, "note"),
                    entryMethod: Str(body, "entry_method") ?? "CHIP");
                lock (_gate)
                {
                    return Json(200, new JsonObject { ["payment"] = _paymentsById[taken.Id].ToJson() });
                }
            }
            catch (KeyNotFoundException)
            {
                return Error(404, "INVALID_REQUEST_ERROR", "NOT_FOUND", $"Location `{locationId}` not found.", "location_id");
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException)
            {
                return Error(400, "INVALID_REQUEST_ERROR", "BAD_REQUEST", e.Message);
            }
        });

        // {"payment_id": "...", "amount"?: minor units (default: all that is left), "reason"?} → {"refund": …}
        control.MapPost("/refunds", async (HttpContext http) =>
        {
            var body = await ReadObjectAsync(http);
            if (body is null || Str(body, "payment_id") is not { Length: > 0 } paymentId)
            {
                return Error(400, "INVALID_REQUEST_ERROR", "BAD_REQUEST", "Send payment_id (and amount in minor units to refund part).");
            }

            long? amount = body["amount"] is JsonValue a && a.TryGetValue(out long minor) ? minor : null;
            try
            {
                var refund = RefundPayment(paymentId, amount, Str(body, "reason") ?? "Refunded at the chair");
                lock (_gate)
                {
                    return Json(200, new JsonObject { ["refund"] = _refundsById[refund.Id].ToJson() });
                }
            }
            catch (KeyNotFoundException)
            {
                return Error(404, "INVALID_REQUEST_ERROR", "NOT_FOUND", $"Could not find payment with id: {paymentId}", "payment_id");
            }
            catch (InvalidOperationException e)
            {
                return Error(400, "INVALID_REQUEST_ERROR", "REFUND_AMOUNT_INVALID", e.Message);
            }
        });
    }
}
