using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace BookedBarber.ProcessorSimulators.Square;

// Refunds: RefundPayment (PENDING, then COMPLETED), GetPaymentRefund, ListPaymentRefunds; the payment's
// refunded_money and refund_ids follow, and subscribers get refund.created, refund.updated and payment.updated.
public sealed partial class SquareSimulator
{
    /// <summary>
    /// Refunds a payment as the seller would from Square's dashboard (the whole remaining amount when
    /// <paramref name="amountMinor"/> is null). Returns the PENDING refund; it completes as <see cref="RefundCompletionDelay"/> says.
    /// </summary>
    public SquareSimulatedRefund RefundPayment(string paymentId, long? amountMinor = null, string? reason = null)
    {
        lock (_gate)
        {
            var payment = _paymentsById.TryGetValue(paymentId, out var p) ? p : throw new KeyNotFoundException($"No payment {paymentId}.");
            var (status, body) = Refund(payment, Guid.NewGuid().ToString(), amountMinor ?? payment.RefundableAmount, payment.Currency, reason);
            if (status != 200)
            {
                throw new InvalidOperationException((string?)body["errors"]![0]!["detail"]);
            }

            return _refundsById[(string)body["refund"]!["id"]!].ToSnapshot();
        }
    }

    /// <summary>Completes a PENDING refund (with <see cref="RefundCompletionDelay"/> null, refunds wait for this).</summary>
    public void CompleteRefund(string refundId, string status = "COMPLETED")
    {
        lock (_gate)
        {
            var refund = _refundsById[refundId];
            if (refund.Status != "PENDING")
            {
                return;
            }

            var now = Now();
            refund.Status = status;
            refund.UpdatedAt = now;
            if (status == "COMPLETED" && refund.Payment.Fees.Count > 0)
            {
                // Square returns the processing fee in proportion to the refunded share of the payment.
                var fee = refund.Payment.Fees.Sum(f => f.Amount);
                refund.FeeReturned = (long)Math.Round(fee * (decimal)refund.Amount / refund.Payment.TotalAmount, MidpointRounding.AwayFromZero);
            }

            EmitRefund("refund.updated", refund);
            refund.Payment.UpdatedAt = now;
            refund.Payment.Version++;
            EmitPayment("payment.updated", refund.Payment);
        }
    }

    private Task<IResult> RefundPaymentAsync(HttpContext http) => IdempotentCreateAsync(http, "refund", ValidateAndRefund);

    private (int Status, JsonObject Response) ValidateAndRefund(SimMerchant merchant, string key, JsonObject body)
    {
        if (body["amount_money"] is null)
        {
            return ErrorBody(400, "INVALID_REQUEST_ERROR", "MISSING_REQUIRED_PARAMETER", "Field must be set", "amount_money");
        }

        if (!TryMoney(body, "amount_money", out var amount, out var currency))
        {
            return ErrorBody(400, "INVALID_REQUEST_ERROR", "INVALID_VALUE", "Invalid money.", "amount_money");
        }

        var paymentId = Str(body, "payment_id");
        if (string.IsNullOrEmpty(paymentId))
        {
            return ErrorBody(400, "INVALID_REQUEST_ERROR", "MISSING_REQUIRED_PARAMETER", "Field must be set", "payment_id");
        }

        if (!_paymentsById.TryGetValue(paymentId, out var payment) || payment.MerchantId != merchant.Id)
        {
            return ErrorBody(404, "INVALID_REQUEST_ERROR", "NOT_FOUND", $"Could not find payment with id: {paymentId}", "payment_id");
        }

        var reason = Str(body, "reason");
        if (reason is { Length: > 192 })
        {
            return ErrorBody(400, "INVALID_REQUEST_ERROR", "VALUE_TOO_LONG", "Field must not be greater than 192 length", "reason");
        }

        return Refund(payment, key, amount!.Value, currency!, reason);
    }

    private (int Status, JsonObject Response) Refund(SimPayment payment, string key, long amount, string currency, string? reason)
    {
        if (payment.Status == "APPROVED")
        {
            return ErrorBody(400, "INVALID_REQUEST_ERROR", "REFUND_ERROR_PAYMENT_NEEDS_COMPLETION", "The payment must be completed before it can be refunded.", "payment_id");
        }

        if (payment.Status != "COMPLETED")
        {
            return ErrorBody(400, "INVALID_REQUEST_ERROR", "PAYMENT_NOT_REFUNDABLE", $"Payment `{payment.Id}` is {payment.Status} and cannot be refunded.", "payment_id");
        }

        if (currency != payment.Currency)
        {
            return ErrorBody(400, "INVALID_REQUEST_ERROR", "CURRENCY_MISMATCH", $"The refund must be in {payment.Currency}.", "amount_money.currency");
        }

        if (amount <= 0 || amount > payment.RefundableAmount)
        {
            return ErrorBody(400, "INVALID_REQUEST_ERROR", "REFUND_AMOUNT_INVALID",
                $"The requested refund amount exceeds the amount available to refund ({payment.RefundableAmount}) or is not positive.", "amount_money.amount");
        }

        var now = Now();
        var refund = new SimRefund
        {
            Id = payment.Id + "_" + NewId(32),
            Sequence = ++_sequence,
            Payment = payment,
            IdempotencyKey = key,
            Amount = amount,
            Reason = reason,
            CreatedAt = now,
            UpdatedAt = now,
            Status = "PENDING",
        };
        _refunds.Add(refund);
        _refundsById[refund.Id] = refund;
        payment.Refunds.Add(refund);
        payment.UpdatedAt = now;
        payment.Version++;
        EmitRefund("refund.created", refund);
        EmitPayment("payment.updated", payment);
        var response = new JsonObject { ["refund"] = refund.ToJson() };
        if (RefundCompletionDelay is { } delay)
        {
            Schedule(delay, () => CompleteRefund(refund.Id));
        }

        return (200, response);
    }

    private IResult GetRefund(HttpContext http, string refundId)
    {
        var merchant = (SimMerchant)http.Items[typeof(SimMerchant)]!;
        lock (_gate)
        {
            return _refundsById.TryGetValue(refundId, out var refund) && refund.Payment.MerchantId == merchant.Id
                ? Json(200, new JsonObject { ["refund"] = refund.ToJson() })
                : Error(404, "INVALID_REQUEST_ERROR", "NOT_FOUND", $"Could not find refund with id: {refundId}");
        }
    }

    // ListPaymentRefunds: begin_time/end_time on created_at, sort_order, location_id (default all), status, limit, cursor.
    private IResult ListRefunds(HttpContext http)
    {
        var merchant = (SimMerchant)http.Items[typeof(SimMerchant)]!;
        var query = http.Request.Query;
        if (ReadListWindow(query, out var begin, out var end, out var sortOrder, out var limit) is { } refused)
        {
            return refused;
        }

        var locationId = query["location_id"].ToString();
        var status = query["status"].ToString();
        var explicitQuery = string.Join('|', "refunds", query["begin_time"], query["end_time"], sortOrder, locationId, status);
        var offset = 0;
        if (query["cursor"].ToString() is { Length: > 0 } cursor)
        {
            if (!TryReadOffsetCursor(cursor, explicitQuery, out offset, out var beginTicks, out var endTicks))
            {
                return Error(400, "INVALID_REQUEST_ERROR", "INVALID_CURSOR", "The pagination cursor included in the request is invalid.", "cursor");
            }

            begin = new DateTimeOffset(beginTicks, TimeSpan.Zero);
            end = new DateTimeOffset(endTicks, TimeSpan.Zero);
        }

        lock (_gate)
        {
            if (locationId.Length > 0 && !merchant.Locations.Exists(l => l.Id == locationId))
            {
                return Error(404, "INVALID_REQUEST_ERROR", "NOT_FOUND", $"Location `{locationId}` not found.", "location_id");
            }

            var matching = _refunds.Where(r => r.Payment.MerchantId == merchant.Id && r.CreatedAt >= begin && r.CreatedAt < end
                && (locationId.Length == 0 || r.Payment.LocationId == locationId)
                && (status.Length == 0 || r.Status == status));
            matching = sortOrder == "ASC"
                ? matching.OrderBy(r => r.CreatedAt).ThenBy(r => r.Sequence)
                : matching.OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Sequence);
            var page = matching.Skip(offset).Take(limit + 1).ToList();
            var response = new JsonObject();
            if (page.Count > 0)
            {
                response["refunds"] = new JsonArray(page.Take(limit).Select(r => (JsonNode?)r.ToJson()).ToArray());
            }

            if (page.Count > limit)
            {
                response["cursor"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(
                    string.Join('~', offset + limit, begin.UtcTicks, end.UtcTicks, explicitQuery)));
            }

            return Json(200, response);
        }
    }

    private static bool TryReadOffsetCursor(string cursor, string explicitQuery, out int offset, out long beginTicks, out long endTicks)
    {
        offset = 0;
        beginTicks = endTicks = 0;
        try
        {
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(cursor)).Split('~', 4);
            return parts.Length == 4 && parts[3] == explicitQuery
                && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out offset)
                && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out beginTicks)
                && long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out endTicks);
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
