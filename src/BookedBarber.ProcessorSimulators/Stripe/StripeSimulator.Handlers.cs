using System.Text.RegularExpressions;
using System.Text.Json.Nodes;

namespace BookedBarber.ProcessorSimulators.Stripe;

public sealed partial class StripeSimulator
{
    /// <summary>The amount and currency every charging call requires (Stripe's own checks, in its order); the refusal, or null.</summary>
    private static Reply? ChargeAmount(StripeForm form, out long amount, out string currency)
    {
        amount = 0;
        currency = "";
        if (form.Long("amount") is not { } given)
        {
            return Invalid("parameter_missing", "amount", "Missing required param: amount.");
        }

        if (form["currency"] is not { Length: > 0 } currencyParam)
        {
            return Invalid("parameter_missing", "currency", "Missing required param: currency.");
        }

        amount = given;
        currency = currencyParam.ToLowerInvariant();
        return amount < 50 ? Invalid("amount_too_small", "amount", $"Amount must be at least 50 cents ({currency}).") : null;
    }

    private Reply CreatePaymentIntent(Call call)
    {
        var form = call.Form;
        if (ChargeAmount(form, out var amount, out var currency) is { } invalid)
        {
            return invalid;
        }

        var fee = form.Long("application_fee_amount");
        var destination = form["transfer_data[destination]"];
        if (fee is not null && ((destination is null && call.StripeAccount is null) || call.OwnKey))
        {
            return Invalid(null, "application_fee_amount",
                "Can only apply an application_fee_amount when the PaymentIntent is attempting a direct payment "
                + "(using an OAuth key or Stripe-Account header) or destination payment (using `transfer_data[destination]`).");
        }

        if (fee is < 0 || fee > amount)
        {
            return Invalid("parameter_invalid_integer", "application_fee_amount",
                "The application_fee_amount must be a non-negative integer no greater than the amount.");
        }

        if (destination is not null)
        {
            var account = FindAccount(destination);
            if (account is null)
            {
                return Invalid("resource_missing", "transfer_data[destination]", $"No such destination: '{destination}'");
            }

            if (!account.ChargesEnabled)
            {
                return Invalid("insufficient_capabilities_for_transfer", "transfer_data[destination]",
                    "Your destination account needs to have at least one of the following capabilities enabled: transfers, crypto_transfers, legacy_payments");
            }
        }

        var paymentMethod = form["payment_method"];
        StripeTestCard? card = null;
        lock (_gate)
        {
            if (paymentMethod is not null && (card = FindCard(paymentMethod, call.StripeAccount)) is null)
            {
                return NoSuchPaymentMethod(paymentMethod);
            }

            if (RefuseChargesIfDisabled(call.StripeAccount) is { } refused)
            {
                return refused;
            }

            if (form["customer"] is { } customerId && FindCustomer(customerId, call.StripeAccount) is null)
            {
                return Invalid("resource_missing", "customer", $"No such customer: '{customerId}'");
            }
        }

        var setupFutureUsage = form["setup_future_usage"];
        if (setupFutureUsage is not (null or "off_session" or "on_session"))
        {
            return Invalid("parameter_invalid_string", "setup_future_usage", "Invalid setup_future_usage: must be one of off_session or on_session.");
        }

        if (setupFutureUsage is not null && form["customer"] is null)
        {
            return Invalid("parameter_missing", "customer",
                "You must provide a customer when setting up a payment method for future usage with setup_future_usage.");
        }

        var confirm = form.Bool("confirm");
        var offSession = OffSession(form);
        if (offSession && !confirm)
        {
            return Invalid(null, "off_session", "You can only pass `off_session` when `confirm` is true.");
        }

        if (confirm && card is null)
        {
            return Invalid("parameter_missing", "payment_method",
                "You cannot confirm this PaymentIntent because it's missing a payment method. "
                + "To confirm the PaymentIntent, pass a payment_method.");
        }

        // Stripe.net 53 (API 2026) sends allowed_payment_method_types; older clients send payment_method_types.
        var allowed = form.List("allowed_payment_method_types");
        var types = allowed.Count > 0 ? allowed : form.List("payment_method_types");
        var intent = new StripePaymentIntentState
        {
            Id = StripeJson.NewId("pi"),
            Seq = Interlocked.Increment(ref _seq),
            Customer = form["customer"],
            SetupFutureUsage = setupFutureUsage,
            Amount = amount,
            Currency = currency,
            Created = Clock.GetUtcNow(),
            PaymentMethodTypes = types.Count > 0 ? types : ["card"],
            AllowedPaymentMethodTypes = allowed.Count > 0 ? allowed : null,
            AutomaticPaymentMethods = form.Bool("automatic_payment_methods[enabled]"),
            Metadata = form.Hash("metadata"),
            Description = form["description"],
            ApplicationFeeAmount = fee,
            Destination = destination,
            StripeAccount = call.StripeAccount,
            IdempotencyKey = call.IdempotencyKey,
            PaymentMethod = paymentMethod,
            OffSession = offSession,
            Status = paymentMethod is null ? "requires_payment_method" : "requires_confirmation",
        };

        lock (_gate)
        {
            _intents.Add(intent);
            return confirm ? Charge(intent, paymentMethod!, card!) : new Reply(200, StripeJson.PaymentIntent(intent));
        }
    }

    private Reply ConfirmPaymentIntent(Call call)
    {
        lock (_gate)
        {
            if (Find(call) is not { } intent)
            {
                return NoSuchPaymentIntent(call.Id);
            }

            if (intent.Status is not ("requires_payment_method" or "requires_confirmation"))
            {
                return new Reply(400, StripeJson.Error("invalid_request_error",
                    $"You cannot confirm this PaymentIntent because it has a status of {intent.Status}.",
                    code: "payment_intent_unexpected_state", paymentIntent: StripeJson.PaymentIntent(intent)), Saved: false);
            }

            var paymentMethod = call.Form["payment_method"] ?? intent.PaymentMethod;
            if (paymentMethod is null)
            {
                return Invalid("parameter_missing", "payment_method",
                    "You cannot confirm this PaymentIntent because it's missing a payment method.");
            }

            if (RefuseChargesIfDisabled(intent.StripeAccount) is { } refused)
            {
                return refused;
            }

            intent.OffSession = OffSession(call.Form);
            return FindCard(paymentMethod, intent.StripeAccount) is { } card
                ? Charge(intent, paymentMethod, card)
                : NoSuchPaymentMethod(paymentMethod);
        }
    }

    /// <summary>
    /// Confirms with a test card: a Charge either succeeds (balance transaction, card saved to the customer when
    /// setup_future_usage asks) or fails with the card's decline (402); events go to the account's endpoints.
    /// </summary>
    private Reply Charge(StripePaymentIntentState intent, string paymentMethod, StripeTestCard card)
    {
        if (card.Succeeds && intent.SetupFutureUsage is not null && intent.Customer is { } customerId)
        {
            var attached = Attach(paymentMethod, _customers[customerId], intent.StripeAccount);
            if (attached.Reply is { } refused)
            {
                return refused;
            }

            paymentMethod = attached.Saved!.Id;
        }

        if (card.RequiresAuthentication && !intent.OffSession)
        {
            // The customer is present: Stripe waits for them to authenticate (3-D Secure) and makes no charge yet.
            intent.Status = "requires_action";
            intent.PaymentMethod = paymentMethod;
            intent.NextAction = new JsonObject { ["type"] = "use_stripe_sdk", ["use_stripe_sdk"] = new JsonObject { ["type"] = "three_d_secure_redirect" } };
            return new Reply(200, StripeJson.PaymentIntent(intent));
        }

        // Off-session, an authentication-required card fails like a decline (code and decline_code authentication_required).
        var charge = NewCharge(intent, card, cardPresent: false, paymentMethod, Clock.GetUtcNow());
        intent.LatestCharge = charge.Id;
        if (card.Succeeds)
        {
            Settle(charge);
            intent.Status = "succeeded";
            intent.PaymentMethod = paymentMethod;
            intent.AmountReceived = intent.Amount;
            intent.LastPaymentError = null;
            Interlocked.Increment(ref _succeededCharges);
            Emit(intent.StripeAccount, "charge.succeeded", ChargeJson(charge));
            Emit(intent.StripeAccount, "payment_intent.succeeded", StripeJson.PaymentIntent(intent));
            return new Reply(200, StripeJson.PaymentIntent(intent));
        }

        Interlocked.Increment(ref _declinedCharges);
        charge.Status = "failed";
        charge.FailureCode = card.Code;
        charge.FailureMessage = card.Message;
        var error = StripeJson.Error("card_error", card.Message!, card.Code, declineCode: card.DeclineCode, charge: charge.Id);
        intent.LastPaymentError = (JsonObject)error["error"]!.DeepClone();
        intent.Status = "requires_payment_method";
        intent.PaymentMethod = null;
        error["error"]!["payment_intent"] = StripeJson.PaymentIntent(intent);
        Emit(intent.StripeAccount, "charge.failed", ChargeJson(charge));
        Emit(intent.StripeAccount, "payment_intent.payment_failed", StripeJson.PaymentIntent(intent));
        return new Reply(402, error);
    }

    private Reply GetPaymentIntent(Call call)
    {
        lock (_gate)
        {
            return Find(call) is { } intent
                ? new Reply(200, Expand(StripeJson.PaymentIntent(intent), call.Form.List("expand")))
                : NoSuchPaymentIntent(call.Id);
        }
    }

    /// <summary>Newest first, paged like Stripe's list endpoints (created range, cursors, expand[]=data.latest_charge…).</summary>
    private Reply ListPaymentIntents(Call call)
    {
        var customer = call.Form["customer"];
        lock (_gate)
        {
            var visible = Visible(call).Where(pi => customer is null || pi.Customer == customer).ToList();
            return Page(call, "/v1/payment_intents", visible, pi => pi.Id, pi => pi.Created, StripeJson.PaymentIntent);
        }
    }

    /// <summary>Supports clauses like <c>metadata['attempt']:'abc' AND status:'succeeded'</c> (also currency, customer).</summary>
    private Reply SearchPaymentIntents(Call call)
    {
        if (ParseSearch(call.Form["query"], ["status", "currency", "customer"]) is not { } clauses)
        {
            return string.IsNullOrWhiteSpace(call.Form["query"])
                ? Invalid("parameter_missing", "query", "Missing required param: query.")
                : Invalid("parameter_invalid_string", "query",
                    $"The simulator cannot parse the search query \"{call.Form["query"]}\"; use metadata['key']:'value', status:'…', currency:'…' or customer:'…' joined by AND.");
        }

        var limit = Math.Clamp((int)(call.Form.Long("limit") ?? 10), 1, 100);
        lock (_gate)
        {
            var found = Visible(call)
                .Where(pi => clauses.All(clause => clause.Matches(clause.Field switch
                {
                    "status" => pi.Status,
                    "currency" => pi.Currency,
                    "customer" => pi.Customer,
                    _ => pi.Metadata.GetValueOrDefault(clause.Key!),
                })))
                .Take(limit).Select(StripeJson.PaymentIntent);
            return new Reply(200, StripeJson.SearchResult("/v1/payment_intents/search", found));
        }
    }

    /// <summary>The clauses of a search query (joined by AND), or null when one is not understood.</summary>
    private static List<StripeSearchClause>? ParseSearch(string? query, IReadOnlyCollection<string> fields)
    {
        if (string.IsNullOrWhiteSpace(query))
        {
            return null;
        }

        var clauses = new List<StripeSearchClause>();
        foreach (var text in Regex.Split(query.Trim(), @"\s+AND\s+", RegexOptions.IgnoreCase))
        {
            var match = SearchClause().Match(text.Trim());
            if (!match.Success)
            {
                return null;
            }

            var field = match.Groups["field"].Value;
            if (match.Groups["key"].Success && match.Groups["key"].Value.Length > 0)
            {
                clauses.Add(new StripeSearchClause("metadata", match.Groups["key"].Value, match.Groups["value"].Value));
            }
            else if (fields.Contains(field))
            {
                clauses.Add(new StripeSearchClause(field, null, match.Groups["value"].Value));
            }
            else
            {
                return null;
            }
        }

        return clauses;
    }

    private Reply CreateRefund(Call call)
    {
        lock (_gate)
        {
            var piId = call.Form["payment_intent"];
            var chargeId = call.Form["charge"];
            var intent = _intents.FirstOrDefault(pi => pi.StripeAccount == call.StripeAccount
                && ((piId is not null && pi.Id == piId) || (chargeId is not null && pi.LatestCharge == chargeId)));
            if (piId is null && chargeId is null)
            {
                return Invalid("parameter_missing", "payment_intent", "One of the following params should be provided for this request: payment_intent or charge.");
            }

            if (intent is null || intent.Status != "succeeded")
            {
                return piId is not null
                    ? NoSuchPaymentIntent(piId)
                    : Invalid("resource_missing", "charge", $"No such charge: '{chargeId}'");
            }

            var charge = _chargesById[intent.LatestCharge!];
            var remaining = charge.Amount - charge.AmountRefunded;
            var amount = call.Form.Long("amount") ?? remaining;
            if (remaining == 0)
            {
                return Invalid("charge_already_refunded", null, $"Charge {charge.Id} has already been refunded.");
            }

            if (amount <= 0 || amount > remaining)
            {
                return Invalid("parameter_invalid_integer", "amount",
                    $"Refund amount ({amount}) is greater than unrefunded amount on charge ({remaining}).");
            }

            var refund = ApplyRefund(charge, amount, call.IdempotencyKey);
            return new Reply(200, StripeJson.Refund(refund, charge.Currency, refund.Created));
        }
    }

    /// <summary>Stripe's off_session: true, or one_off / recurring (both mean the customer is not present).</summary>
    private static bool OffSession(StripeForm form) => form["off_session"] is "true" or "one_off" or "recurring";

    private StripePaymentIntentState? Find(Call call) =>
        _intents.FirstOrDefault(pi => pi.Id == call.Id && pi.StripeAccount == call.StripeAccount);

    /// <summary>Objects on an account are seen only by it (its own key or its Stripe-Account header), newest first.</summary>
    private IEnumerable<StripePaymentIntentState> Visible(Call call) =>
        _intents.Where(pi => pi.StripeAccount == call.StripeAccount).OrderByDescending(pi => pi.Created).ThenByDescending(pi => pi.Seq);

    private static Reply Invalid(string? code, string? param, string message) =>
        new(400, StripeJson.Error("invalid_request_error", message, code, param), Saved: false);

    private static Reply NoSuchPaymentMethod(string id) =>
        Invalid("resource_missing", "payment_method", $"No such PaymentMethod: '{id}'");

    private static Reply NoSuchPaymentIntent(string id) =>
        new(404, StripeJson.Error("invalid_request_error", $"No such payment_intent: '{id}'", "resource_missing", "intent"), Saved: false);

    [GeneratedRegex("""^(?<field>metadata\[(?<kq>['"])(?<key>.+?)\k<kq>\]|[a-z_]+)\s*:\s*(?<vq>['"])(?<value>.*?)\k<vq>$""")]
    private static partial Regex SearchClause();
}
