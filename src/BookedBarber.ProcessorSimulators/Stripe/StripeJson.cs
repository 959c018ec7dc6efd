using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace BookedBarber.ProcessorSimulators.Stripe;

/// <summary>JSON in the field names and shapes of Stripe's API (see the openapi fixtures).</summary>
internal static class StripeJson
{
    public static string NewId(string prefix) =>
        prefix + "_" + RandomNumberGenerator.GetString("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz", 24);

    public static JsonObject PaymentIntent(StripePaymentIntentState pi) => new()
    {
        ["id"] = pi.Id,
        ["object"] = "payment_intent",
        ["amount"] = pi.Amount,
        ["allowed_payment_method_types"] = pi.AllowedPaymentMethodTypes is null ? null : Strings(pi.AllowedPaymentMethodTypes),
        ["amount_capturable"] = 0,
        ["amount_details"] = new JsonObject { ["tip"] = new JsonObject() },
        ["amount_received"] = pi.AmountReceived,
        ["application"] = null,
        ["application_fee_amount"] = pi.ApplicationFeeAmount,
        ["automatic_payment_methods"] = pi.AutomaticPaymentMethods
            ? new JsonObject { ["allow_redirects"] = "always", ["enabled"] = true }
            : null,
        ["canceled_at"] = null,
        ["cancellation_reason"] = null,
        ["capture_method"] = "automatic",
        ["client_secret"] = pi.ClientSecret,
        ["confirmation_method"] = "automatic",
        ["created"] = pi.Created.ToUnixTimeSeconds(),
        ["currency"] = pi.Currency,
        ["customer"] = null,
        ["description"] = pi.Description,
        ["excluded_payment_method_types"] = null,
        ["last_payment_error"] = pi.LastPaymentError?.DeepClone(),
        ["latest_charge"] = pi.LatestCharge,
        ["livemode"] = false,
        ["metadata"] = Metadata(pi.Metadata),
        ["next_action"] = null,
        ["on_behalf_of"] = null,
        ["payment_method"] = pi.PaymentMethod,
        ["payment_method_configuration_details"] = null,
        ["payment_method_options"] = new JsonObject(),
        ["payment_method_types"] = Strings(pi.PaymentMethodTypes),
        ["processing"] = null,
        ["receipt_email"] = null,
        ["review"] = null,
        ["setup_future_usage"] = null,
        ["shipping"] = null,
        ["source"] = null,
        ["statement_descriptor"] = null,
        ["statement_descriptor_suffix"] = null,
        ["status"] = pi.Status,
        ["transfer_data"] = pi.Destination is null ? null : new JsonObject { ["destination"] = pi.Destination },
        ["transfer_group"] = pi.Destination is null ? null : $"group_{pi.Id}",
    };

    public static JsonObject Account(string id, StripeAccountSetup setup, DateTimeOffset created) => new()
    {
        ["id"] = id,
        ["object"] = "account",
        ["business_profile"] = new JsonObject { ["mcc"] = null, ["name"] = null, ["url"] = null, ["support_email"] = null },
        ["business_type"] = null,
        ["capabilities"] = new JsonObject
        {
            ["card_payments"] = setup.ChargesEnabled ? "active" : "inactive",
            ["transfers"] = setup.ChargesEnabled ? "active" : "inactive",
        },
        ["charges_enabled"] = setup.ChargesEnabled,
        ["controller"] = new JsonObject { ["type"] = "application" },
        ["country"] = setup.Country,
        ["created"] = created.ToUnixTimeSeconds(),
        ["default_currency"] = setup.DefaultCurrency,
        ["details_submitted"] = setup.DetailsSubmitted,
        ["email"] = null,
        ["metadata"] = new JsonObject(),
        ["payouts_enabled"] = setup.PayoutsEnabled,
        ["requirements"] = new JsonObject
        {
            ["alternatives"] = new JsonArray(),
            ["current_deadline"] = null,
            ["currently_due"] = new JsonArray(),
            ["disabled_reason"] = setup.ChargesEnabled ? null : "requirements.past_due",
            ["errors"] = new JsonArray(),
            ["eventually_due"] = new JsonArray(),
            ["past_due"] = new JsonArray(),
            ["pending_verification"] = new JsonArray(),
        },
        ["type"] = setup.Type,
    };

    public static JsonObject Refund(StripeRefundRecord refund, string currency, DateTimeOffset created) => new()
    {
        ["id"] = refund.Id,
        ["object"] = "refund",
        ["amount"] = refund.Amount,
        ["balance_transaction"] = null,
        ["charge"] = refund.Charge,
        ["created"] = created.ToUnixTimeSeconds(),
        ["currency"] = currency,
        ["metadata"] = new JsonObject(),
        ["payment_intent"] = refund.PaymentIntent,
        ["reason"] = null,
        ["status"] = "succeeded",
    };

    public static JsonObject List(string url, IEnumerable<JsonObject> data, bool hasMore) => new()
    {
        ["object"] = "list",
        ["data"] = new JsonArray(data.ToArray<JsonNode?>()),
        ["has_more"] = hasMore,
        ["url"] = url,
    };

    public static JsonObject SearchResult(string url, IEnumerable<JsonObject> data) => new()
    {
        ["object"] = "search_result",
        ["data"] = new JsonArray(data.ToArray<JsonNode?>()),
        ["has_more"] = false,
        ["next_page"] = null,
        ["url"] = url,
    };

    /// <summary>Stripe's error envelope; absent fields are left out, as Stripe does.</summary>
    public static JsonObject Error(
        string type, string message, string? code = null, string? param = null, string? declineCode = null,
        string? charge = null, JsonObject? paymentIntent = null)
    {
        var error = new JsonObject { ["type"] = type, ["message"] = message };
        if (code is not null)
        {
            error["code"] = code;
            error["doc_url"] = $"https://stripe.com/docs/error-codes/{code.Replace('_', '-')}";
        }

        if (declineCode is not null)
        {
            error["decline_code"] = declineCode;
        }

        if (param is not null)
        {
            error["param"] = param;
        }

        if (charge is not null)
        {
            error["charge"] = charge;
        }

        if (paymentIntent is not null)
        {
            error["payment_intent"] = paymentIntent;
        }

        return new JsonObject { ["error"] = error };
    }

    private static JsonArray Strings(IEnumerable<string> values) => new(values.Select(v => (JsonNode?)v).ToArray());

    private static JsonObject Metadata(Dictionary<string, string> metadata)
    {
        var json = new JsonObject();
        foreach (var (key, value) in metadata)
        {
            json[key] = value;
        }

        return json;
    }
}
