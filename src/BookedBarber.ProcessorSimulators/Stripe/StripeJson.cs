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
        ["customer"] = pi.Customer,
        ["description"] = pi.Description,
        ["excluded_payment_method_types"] = null,
        ["last_payment_error"] = pi.LastPaymentError?.DeepClone(),
        ["latest_charge"] = pi.LatestCharge,
        ["livemode"] = false,
        ["metadata"] = Metadata(pi.Metadata),
        ["next_action"] = pi.NextAction?.DeepClone(),
        ["on_behalf_of"] = null,
        ["payment_method"] = pi.PaymentMethod,
        ["payment_method_configuration_details"] = null,
        ["payment_method_options"] = new JsonObject(),
        ["payment_method_types"] = Strings(pi.PaymentMethodTypes),
        ["processing"] = null,
        ["receipt_email"] = null,
        ["review"] = null,
        ["setup_future_usage"] = pi.SetupFutureUsage,
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
        ["business_profile"] = new JsonObject { ["mcc"] = null, ["name"] = setup.BusinessName, ["url"] = null, ["support_email"] = null },
        ["business_type"] = null,
        ["capabilities"] = new JsonObject
        {
            ["card_payments"] = setup.ChargesEnabled ? "active" : "inactive",
            ["transfers"] = setup.ChargesEnabled ? "active" : "inactive",
        },
        ["charges_enabled"] = setup.ChargesEnabled,
        ["controller"] = new JsonObject { ["type"] = setup.Type == "standard" ? "account" : "application" },
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
            ["disabled_reason"] = setup.DisabledReason ?? (setup.ChargesEnabled ? null : "requirements.past_due"),
            ["errors"] = new JsonArray(),
            ["eventually_due"] = new JsonArray(),
            ["past_due"] = new JsonArray(),
            ["pending_verification"] = new JsonArray(),
        },
        ["type"] = setup.Type,
    };

    public static JsonObject Charge(StripeChargeState charge, IEnumerable<JsonObject> refunds) => new()
    {
        ["id"] = charge.Id,
        ["object"] = "charge",
        ["amount"] = charge.Amount,
        ["amount_captured"] = charge.Succeeded ? charge.Amount : 0,
        ["amount_refunded"] = charge.AmountRefunded,
        ["application"] = null,
        ["application_fee"] = null,
        ["application_fee_amount"] = charge.ApplicationFeeAmount,
        ["balance_transaction"] = charge.BalanceTransaction,
        ["billing_details"] = new JsonObject
        {
            ["address"] = null, ["email"] = null, ["name"] = null, ["phone"] = null, ["tax_id"] = null,
        },
        ["calculated_statement_descriptor"] = "BOOKEDBARBER",
        ["captured"] = charge.Succeeded,
        ["created"] = charge.Created.ToUnixTimeSeconds(),
        ["currency"] = charge.Currency,
        ["customer"] = charge.Customer,
        ["description"] = charge.Description,
        ["disputed"] = charge.Disputed,
        ["failure_balance_transaction"] = null,
        ["failure_code"] = charge.FailureCode,
        ["failure_message"] = charge.FailureMessage,
        ["fraud_details"] = new JsonObject(),
        ["livemode"] = false,
        ["metadata"] = Metadata(charge.Metadata),
        ["on_behalf_of"] = null,
        ["outcome"] = new JsonObject
        {
            ["network_status"] = charge.Succeeded ? "approved_by_network" : "declined_by_network",
            ["reason"] = charge.Card?.DeclineCode,
            ["risk_level"] = "normal",
            ["seller_message"] = charge.Succeeded ? "Payment complete." : "The bank did not return any further details with this decline.",
            ["type"] = charge.Succeeded ? "authorized" : "issuer_declined",
        },
        ["paid"] = charge.Succeeded,
        ["payment_intent"] = charge.PaymentIntent,
        ["payment_method"] = charge.PaymentMethod,
        ["payment_method_details"] = PaymentMethodDetails(charge),
        ["source"] = charge.SourceAccount is null ? null : new JsonObject { ["id"] = charge.SourceAccount, ["object"] = "account" },
        ["receipt_email"] = null,
        ["receipt_number"] = null,
        ["receipt_url"] = null,
        ["refunded"] = charge.AmountRefunded > 0 && charge.AmountRefunded == charge.Amount,
        ["refunds"] = List($"/v1/charges/{charge.Id}/refunds", refunds, false),
        ["review"] = null,
        ["shipping"] = null,
        ["source_transfer"] = null,
        ["statement_descriptor"] = null,
        ["statement_descriptor_suffix"] = null,
        ["status"] = charge.Status,
        ["transfer_data"] = charge.Destination is null ? null : new JsonObject { ["amount"] = null, ["destination"] = charge.Destination },
        ["transfer_group"] = charge.Destination is null ? null : $"group_{charge.PaymentIntent}",
    };

    /// <summary>The charge's balance transaction: fee is Stripe's fee plus, on a connected account, the application fee.</summary>
    public static JsonObject BalanceTransaction(StripeChargeState charge, bool connectedAccount)
    {
        var details = new JsonArray(FeeDetail(charge.StripeFee, charge.Currency, "Stripe processing fees", "stripe_fee"));
        var fee = charge.StripeFee;
        if (connectedAccount && charge.ApplicationFeeAmount is { } applicationFee)
        {
            details.Add(FeeDetail(applicationFee, charge.Currency, "Application fee", "application_fee"));
            fee += applicationFee;
        }

        return new JsonObject
        {
            ["id"] = charge.BalanceTransaction,
            ["object"] = "balance_transaction",
            ["amount"] = charge.Amount,
            ["available_on"] = charge.Created.AddDays(2).ToUnixTimeSeconds(),
            ["balance_type"] = "payments",
            ["created"] = charge.Created.ToUnixTimeSeconds(),
            ["currency"] = charge.Currency,
            ["description"] = charge.Description,
            ["exchange_rate"] = null,
            ["fee"] = fee,
            ["fee_details"] = details,
            ["net"] = charge.Amount - fee,
            ["reporting_category"] = "charge",
            ["source"] = charge.Id,
            ["status"] = "available",
            ["type"] = charge.SourceAccount is null ? "charge" : "payment",
        };
    }

    public static JsonObject Dispute(StripeDisputeRecord dispute, StripeChargeState charge) => new()
    {
        ["id"] = dispute.Id,
        ["object"] = "dispute",
        ["amount"] = dispute.Amount,
        ["balance_transactions"] = new JsonArray(),
        ["charge"] = dispute.Charge,
        ["created"] = dispute.Created.ToUnixTimeSeconds(),
        ["currency"] = dispute.Currency,
        ["evidence_details"] = new JsonObject
        {
            ["due_by"] = dispute.Created.AddDays(7).ToUnixTimeSeconds(),
            ["has_evidence"] = false,
            ["past_due"] = false,
            ["submission_count"] = 0,
        },
        ["is_charge_refundable"] = false,
        ["livemode"] = false,
        ["metadata"] = new JsonObject(),
        ["payment_intent"] = dispute.PaymentIntent,
        ["payment_method_details"] = new JsonObject
        {
            ["card"] = new JsonObject { ["brand"] = charge.Card?.Brand, ["case_type"] = "chargeback", ["network_reason_code"] = null },
            ["type"] = "card",
        },
        ["reason"] = dispute.Reason,
        ["status"] = "needs_response",
    };

    public static JsonObject Event(StripeEventState evt, string apiVersion) => new()
    {
        ["id"] = evt.Id,
        ["object"] = "event",
        // Stripe names the connected account on events that happened on one (Connect webhooks).
        ["account"] = evt.ConnectAccount ? evt.Account : null,
        ["api_version"] = apiVersion,
        ["created"] = evt.Created.ToUnixTimeSeconds(),
        ["data"] = evt.PreviousAttributes is null
            ? new JsonObject { ["object"] = evt.Object.DeepClone() }
            : new JsonObject { ["object"] = evt.Object.DeepClone(), ["previous_attributes"] = evt.PreviousAttributes.DeepClone() },
        ["livemode"] = false,
        ["pending_webhooks"] = evt.PendingWebhooks,
        ["request"] = new JsonObject { ["id"] = null, ["idempotency_key"] = null },
        ["type"] = evt.Type,
    };

    /// <summary>The secret is shown only when the endpoint is created, as Stripe does.</summary>
    public static JsonObject WebhookEndpoint(StripeWebhookEndpointState endpoint, bool withSecret)
    {
        var json = new JsonObject
        {
            ["id"] = endpoint.Id,
            ["object"] = "webhook_endpoint",
            ["api_version"] = endpoint.ApiVersion,
            ["application"] = null,
            ["created"] = endpoint.Created.ToUnixTimeSeconds(),
            ["description"] = endpoint.Description,
            ["enabled_events"] = Strings(endpoint.EnabledEvents),
            ["livemode"] = false,
            ["metadata"] = new JsonObject(),
            ["status"] = endpoint.Disabled ? "disabled" : "enabled",
            ["url"] = endpoint.Url,
        };
        if (withSecret)
        {
            json["secret"] = endpoint.Secret;
        }

        return json;
    }

    public static JsonObject Deleted(string id, string objectName) => new() { ["id"] = id, ["object"] = objectName, ["deleted"] = true };

    public static JsonObject Customer(StripeCustomerState customer) => new()
    {
        ["id"] = customer.Id,
        ["object"] = "customer",
        ["address"] = null,
        ["balance"] = 0,
        ["created"] = customer.Created.ToUnixTimeSeconds(),
        ["currency"] = null,
        ["default_source"] = null,
        ["delinquent"] = false,
        ["description"] = customer.Description,
        ["email"] = customer.Email,
        ["invoice_settings"] = new JsonObject
        {
            ["custom_fields"] = null, ["default_payment_method"] = customer.DefaultPaymentMethod, ["footer"] = null, ["rendering_options"] = null,
        },
        ["livemode"] = false,
        ["metadata"] = Metadata(customer.Metadata),
        ["name"] = customer.Name,
        ["phone"] = null,
        ["preferred_locales"] = new JsonArray(),
        ["shipping"] = null,
        ["tax_exempt"] = "none",
        ["test_clock"] = null,
    };

    public static JsonObject PaymentMethod(string id, StripeTestCard card, string? customer, DateTimeOffset created) => new()
    {
        ["id"] = id,
        ["object"] = "payment_method",
        ["allow_redisplay"] = "unspecified",
        ["billing_details"] = new JsonObject { ["address"] = null, ["email"] = null, ["name"] = null, ["phone"] = null, ["tax_id"] = null },
        ["card"] = new JsonObject
        {
            ["brand"] = card.Brand,
            ["country"] = "US",
            ["display_brand"] = card.Brand,
            ["exp_month"] = 12,
            ["exp_year"] = created.Year + 3,
            ["fingerprint"] = Fingerprint(card),
            ["funding"] = "credit",
            ["last4"] = card.Last4,
            ["networks"] = new JsonObject { ["available"] = new JsonArray(card.Brand), ["preferred"] = null },
        },
        ["created"] = created.ToUnixTimeSeconds(),
        ["customer"] = customer,
        ["livemode"] = false,
        ["metadata"] = new JsonObject(),
        ["type"] = "card",
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

    private static JsonObject PaymentMethodDetails(StripeChargeState charge)
    {
        if (charge.Card is null)
        {
            // An account debit is paid from the connected account's Stripe balance.
            return new JsonObject
            {
                ["stripe_balance"] = new JsonObject { ["account"] = charge.SourceAccount, ["source_type"] = "card" },
                ["type"] = "stripe_balance",
            };
        }

        var card = new JsonObject
        {
            ["brand"] = charge.Card.Brand,
            ["country"] = "US",
            ["exp_month"] = 12,
            ["exp_year"] = charge.Created.Year + 3,
            ["fingerprint"] = Fingerprint(charge.Card),
            ["funding"] = "credit",
            ["last4"] = charge.Card.Last4,
            ["network"] = charge.Card.Brand,
        };
        if (charge.CardPresent)
        {
            card["read_method"] = "contactless_emv";
            card["cardholder_name"] = null;
            return new JsonObject { ["card_present"] = card, ["type"] = "card_present" };
        }

        card["checks"] = new JsonObject { ["address_line1_check"] = null, ["address_postal_code_check"] = null, ["cvc_check"] = "pass" };
        card["wallet"] = null;
        return new JsonObject { ["card"] = card, ["type"] = "card" };
    }

    private static JsonObject FeeDetail(long amount, string currency, string description, string type) => new()
    {
        ["amount"] = amount, ["application"] = null, ["currency"] = currency, ["description"] = description, ["type"] = type,
    };

    private static string Fingerprint(StripeTestCard card) =>
        Convert.ToHexString(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(card.Brand + card.Last4)))[..16];

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
