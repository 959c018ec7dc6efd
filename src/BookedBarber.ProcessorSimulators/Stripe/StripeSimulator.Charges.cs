using System.Text.Json.Nodes;

namespace BookedBarber.ProcessorSimulators.Stripe;

// Charges and balance transactions (fees), listing with created ranges and expand, payments taken at the chair,
// bulk history, refunds and disputes.
public sealed partial class StripeSimulator
{
    private readonly List<StripeChargeState> _charges = [];
    private readonly Dictionary<string, StripeChargeState> _chargesById = new(StringComparer.Ordinal);
    private readonly Dictionary<string, StripeChargeState> _chargesByTransaction = new(StringComparer.Ordinal);
    private readonly List<StripeDisputeRecord> _disputes = [];

    public IReadOnlyList<StripeDisputeRecord> Disputes
    {
        get
        {
            lock (_gate)
            {
                return _disputes.ToList();
            }
        }
    }

    /// <summary>
    /// A payment the barber takes at the chair on a card reader (card_present), never through our API: a succeeded
    /// PaymentIntent and Charge on the account the key reaches, with events sent to its endpoints.
    /// </summary>
    public StripePaymentIntentRecord TakeInPersonPayment(
        string secretKey, long amountMinor, string currency = "usd", IReadOnlyDictionary<string, string>? metadata = null)
    {
        lock (_gate)
        {
            var account = AccountForKey(secretKey);
            if (!SetupOf(account).ChargesEnabled)
            {
                throw new InvalidOperationException($"The account {account ?? PlatformAccountId} cannot currently make charges.");
            }

            var (intent, charge) = InPersonPayment(account, amountMinor, currency.ToLowerInvariant(), metadata, Clock.GetUtcNow());
            Emit(account, "charge.succeeded", ChargeJson(charge));
            Emit(account, "payment_intent.succeeded", StripeJson.PaymentIntent(intent));
            return intent.ToRecord();
        }
    }

    /// <summary>Seeds history fast (benchmarks, demo): succeeded in-person or online payments at past times, no events sent.</summary>
    public IReadOnlyList<StripePaymentIntentRecord> AddHistoricalPayments(string secretKey, IEnumerable<StripeHistoricalPayment> payments)
    {
        lock (_gate)
        {
            var account = AccountForKey(secretKey);
            var records = new List<StripePaymentIntentRecord>();
            foreach (var payment in payments)
            {
                var (intent, charge) = InPersonPayment(account, payment.Amount, payment.Currency.ToLowerInvariant(), payment.Metadata, payment.Created, payment.InPerson);
                if (payment.AmountRefunded > 0)
                {
                    var refunded = Math.Min(payment.AmountRefunded, payment.Amount);
                    intent.AmountRefunded = charge.AmountRefunded = refunded;
                    _refunds.Add(new StripeRefundRecord(StripeJson.NewId("re"), intent.Id, charge.Id, refunded, account, null, payment.Created));
                }

                records.Add(intent.ToRecord());
            }

            return records;
        }
    }

    /// <summary>The cardholder disputes the charge (a charge id or a payment intent id): charge.disputed, charge.dispute.created.</summary>
    public StripeDisputeRecord Dispute(string chargeOrIntentId, string reason = "fraudulent")
    {
        lock (_gate)
        {
            var charge = ChargeOf(chargeOrIntentId) ?? throw new ArgumentException($"No succeeded charge for {chargeOrIntentId}.", nameof(chargeOrIntentId));
            if (charge.Disputed)
            {
                throw new InvalidOperationException($"The charge {charge.Id} is already disputed.");
            }

            charge.Disputed = true;
            var dispute = new StripeDisputeRecord(StripeJson.NewId("dp"), charge.Id, charge.PaymentIntent!, charge.Amount - charge.AmountRefunded,
                charge.Currency, reason, charge.Account, Clock.GetUtcNow());
            _disputes.Add(dispute);
            Emit(charge.Account, "charge.dispute.created", StripeJson.Dispute(dispute, charge));
            return dispute;
        }
    }

    /// <summary>A refund made outside our API (the barber's dashboard): same effects and events as POST /v1/refunds.</summary>
    public StripeRefundRecord Refund(string chargeOrIntentId, long? amountMinor = null)
    {
        lock (_gate)
        {
            var charge = ChargeOf(chargeOrIntentId) ?? throw new ArgumentException($"No succeeded charge for {chargeOrIntentId}.", nameof(chargeOrIntentId));
            var remaining = charge.Amount - charge.AmountRefunded;
            var amount = amountMinor ?? remaining;
            if (amount <= 0 || amount > remaining)
            {
                throw new ArgumentOutOfRangeException(nameof(amountMinor), $"Refund amount ({amount}) is greater than unrefunded amount on charge ({remaining}).");
            }

            return ApplyRefund(charge, amount, null);
        }
    }

    /// <summary>Refunds part or all of a succeeded charge and sends charge.refunded (with previous_attributes) and refund.created.</summary>
    private StripeRefundRecord ApplyRefund(StripeChargeState charge, long amount, string? idempotencyKey)
    {
        var before = new JsonObject { ["amount_refunded"] = charge.AmountRefunded, ["refunded"] = charge.AmountRefunded == charge.Amount };
        charge.AmountRefunded += amount;
        if (_intents.FirstOrDefault(pi => pi.Id == charge.PaymentIntent) is { } intent)
        {
            intent.AmountRefunded += amount;
        }

        var refund = new StripeRefundRecord(StripeJson.NewId("re"), charge.PaymentIntent!, charge.Id, amount, charge.Account, idempotencyKey, Clock.GetUtcNow());
        _refunds.Add(refund);
        Emit(charge.Account, "refund.created", StripeJson.Refund(refund, charge.Currency, refund.Created));
        Emit(charge.Account, "charge.refunded", ChargeJson(charge), before);
        return refund;
    }

    private (StripePaymentIntentState Intent, StripeChargeState Charge) InPersonPayment(
        string? account, long amount, string currency, IReadOnlyDictionary<string, string>? metadata, DateTimeOffset created, bool inPerson = true)
    {
        var seq = ++_seq;
        var card = StripeTestCard.InPerson(seq);
        var intent = new StripePaymentIntentState
        {
            Id = StripeJson.NewId("pi"),
            Seq = seq,
            Amount = amount,
            Currency = currency,
            Created = created,
            PaymentMethodTypes = [inPerson ? "card_present" : "card"],
            Metadata = metadata is null ? [] : new Dictionary<string, string>(metadata),
            StripeAccount = account,
            Status = "succeeded",
            PaymentMethod = StripeJson.NewId("pm"),
            AmountReceived = amount,
        };
        _intents.Add(intent);
        var charge = NewCharge(intent, card, inPerson, intent.PaymentMethod, created);
        Settle(charge);
        intent.LatestCharge = charge.Id;
        return (intent, charge);
    }

    private StripeChargeState NewCharge(StripePaymentIntentState intent, StripeTestCard card, bool cardPresent, string? paymentMethod, DateTimeOffset created)
    {
        var charge = new StripeChargeState
        {
            Id = StripeJson.NewId("ch"),
            Seq = ++_seq,
            Account = intent.StripeAccount,
            PaymentIntent = intent.Id,
            Amount = intent.Amount,
            Currency = intent.Currency,
            Created = created,
            Card = card,
            Metadata = new Dictionary<string, string>(intent.Metadata),
            CardPresent = cardPresent,
            Description = intent.Description,
            ApplicationFeeAmount = intent.ApplicationFeeAmount,
            Destination = intent.Destination,
            Customer = intent.Customer,
            PaymentMethod = paymentMethod,
        };
        _charges.Add(charge);
        _chargesById[charge.Id] = charge;
        return charge;
    }

    /// <summary>A succeeded charge gets its balance transaction (amount, fee, net).</summary>
    private void Settle(StripeChargeState charge)
    {
        charge.BalanceTransaction = StripeJson.NewId("txn");
        _chargesByTransaction[charge.BalanceTransaction] = charge;
    }

    private StripeChargeState? ChargeOf(string chargeOrIntentId)
    {
        // Card payments only: an account debit is neither refunded nor disputed by a cardholder.
        if (_chargesById.TryGetValue(chargeOrIntentId, out var charge))
        {
            return charge is { Succeeded: true, PaymentIntent: not null } ? charge : null;
        }

        return _intents.FirstOrDefault(pi => pi.Id == chargeOrIntentId) is { Status: "succeeded", LatestCharge: { } latest }
            ? _chargesById.GetValueOrDefault(latest)
            : null;
    }

    private JsonObject ChargeJson(StripeChargeState charge) => StripeJson.Charge(charge,
        _refunds.Where(r => r.Charge == charge.Id).Reverse().Select(r => StripeJson.Refund(r, charge.Currency, r.Created)));

    private string? AccountForKey(string secretKey) =>
        _ownKeys.TryGetValue(secretKey, out var account) ? account
            : _platformKeys.Contains(secretKey) ? null
            : throw new ArgumentException("Unknown secret key: open an account with CreateStandaloneAccount first.", nameof(secretKey));

    private Reply ListCharges(Call call)
    {
        var intent = call.Form["payment_intent"];
        var customer = call.Form["customer"];
        lock (_gate)
        {
            var owned = _charges
                .Where(c => c.Account == call.StripeAccount && (intent is null || c.PaymentIntent == intent) && (customer is null || c.Customer == customer))
                .OrderByDescending(c => c.Created).ThenByDescending(c => c.Seq)
                .ToList();
            return Page(call, "/v1/charges", owned, c => c.Id, c => c.Created, ChargeJson);
        }
    }

    private Reply GetCharge(Call call)
    {
        lock (_gate)
        {
            return _chargesById.TryGetValue(call.Id, out var charge) && charge.Account == call.StripeAccount
                ? new Reply(200, Expand(ChargeJson(charge), call.Form.List("expand")))
                : NoSuch("charge", call.Id);
        }
    }

    private Reply GetBalanceTransaction(Call call)
    {
        lock (_gate)
        {
            return _chargesByTransaction.TryGetValue(call.Id, out var charge) && charge.Account == call.StripeAccount
                ? new Reply(200, StripeJson.BalanceTransaction(charge, IsConnectAccount(charge.Account)))
                : NoSuch("balance_transaction", call.Id);
        }
    }

    /// <summary>
    /// One page of a Stripe list (items newest first): <c>created</c> ranges, <c>limit</c> 1–100 (default 10),
    /// <c>starting_after</c> / <c>ending_before</c> cursors, <c>has_more</c>, and <c>expand[]=data.…</c>.
    /// </summary>
    private Reply Page<T>(Call call, string url, IReadOnlyList<T> newestFirst, Func<T, string> id, Func<T, DateTimeOffset> created, Func<T, JsonObject> render)
    {
        var form = call.Form;
        var limit = 10;
        if (form["limit"] is { } limitText && (!int.TryParse(limitText, out limit) || limit is < 1 or > 100))
        {
            return Invalid("parameter_invalid_integer", "limit", $"Invalid limit: must be an integer between 1 and 100 (got '{limitText}').");
        }

        var bounds = new List<Func<long, bool>>();
        foreach (var (op, test) in new (string, Func<long, long, bool>)[]
                 {
                     ("created", (c, v) => c == v), ("created[gte]", (c, v) => c >= v), ("created[gt]", (c, v) => c > v),
                     ("created[lte]", (c, v) => c <= v), ("created[lt]", (c, v) => c < v),
                 })
        {
            if (form[op] is not { } text)
            {
                continue;
            }

            if (!long.TryParse(text, out var value))
            {
                return Invalid("parameter_invalid_integer", op, $"Invalid integer: {text}");
            }

            bounds.Add(c => test(c, value));
        }

        var items = newestFirst.Where(i => bounds.All(b => b(created(i).ToUnixTimeSeconds()))).ToList();
        List<T> window;
        if (form["starting_after"] is { } after)
        {
            var index = items.FindIndex(i => id(i) == after);
            if (index < 0)
            {
                return Invalid("resource_missing", "starting_after", $"No such object: '{after}'");
            }

            window = items.Skip(index + 1).ToList();
        }
        else if (form["ending_before"] is { } before)
        {
            var index = items.FindIndex(i => id(i) == before);
            if (index < 0)
            {
                return Invalid("resource_missing", "ending_before", $"No such object: '{before}'");
            }

            window = items.Take(index).Reverse().ToList(); // nearest first, then back to newest-first order below
            var hasMoreBefore = window.Count > limit;
            var earlier = window.Take(limit).Reverse();
            return new Reply(200, StripeJson.List(url, ExpandAll(earlier.Select(render), form), hasMoreBefore));
        }
        else
        {
            window = items;
        }

        return new Reply(200, StripeJson.List(url, ExpandAll(window.Take(limit).Select(render), form), window.Count > limit));
    }

    private IEnumerable<JsonObject> ExpandAll(IEnumerable<JsonObject> objects, StripeForm form)
    {
        var paths = form.List("expand").Where(p => p.StartsWith("data.", StringComparison.Ordinal)).Select(p => p["data.".Length..]).ToList();
        return objects.Select(o => Expand(o, paths)).ToList();
    }

    /// <summary>Replaces id fields named by dotted paths (e.g. latest_charge.balance_transaction) with the objects.</summary>
    private JsonObject Expand(JsonObject root, IReadOnlyList<string> paths)
    {
        foreach (var path in paths)
        {
            var node = root;
            foreach (var name in path.Split('.'))
            {
                if (node[name] is JsonValue value && value.TryGetValue<string>(out var id) && Resolve(id) is { } expanded)
                {
                    node[name] = expanded;
                }

                if (node[name] is not JsonObject child)
                {
                    break;
                }

                node = child;
            }
        }

        return root;
    }

    private JsonObject? Resolve(string id) => id[..(id.IndexOf('_') + 1)] switch
    {
        "ch_" => _chargesById.TryGetValue(id, out var charge) ? ChargeJson(charge) : null,
        "txn_" => _chargesByTransaction.TryGetValue(id, out var settled) ? StripeJson.BalanceTransaction(settled, IsConnectAccount(settled.Account)) : null,
        "pi_" => _intents.FirstOrDefault(pi => pi.Id == id) is { } intent ? StripeJson.PaymentIntent(intent) : null,
        "cus_" => _customers.TryGetValue(id, out var customer) ? StripeJson.Customer(customer) : null,
        "pm_" => _paymentMethods.TryGetValue(id, out var saved) ? StripeJson.PaymentMethod(saved.Id, saved.Card, saved.Customer, saved.Created) : null,
        _ => null,
    };

    private static Reply NoSuch(string objectName, string id) =>
        new(404, StripeJson.Error("invalid_request_error", $"No such {objectName}: '{id}'", "resource_missing", "id"), Saved: false);

    private void ResetObjects()
    {
        _charges.Clear();
        _chargesById.Clear();
        _chargesByTransaction.Clear();
        _disputes.Clear();
        ResetCustomers();
        ResetWebhooks();
    }
}
