using System.Text.Json.Nodes;

namespace BookedBarber.ProcessorSimulators.Stripe;

// Account debits (Connect): POST /v1/charges with source=acct_… on the platform's key takes money from a connected
// account's available balance and answers the Payment (py_…) created on the platform. Stripe's rules kept here: only
// the platform debits, only its Connect accounts, in the account's default currency, never below zero (no reserves).
public sealed partial class StripeSimulator
{
    /// <summary>What a connected account holds in each currency until a test says otherwise: 10,000.00, so the demo's debits work.</summary>
    public const long DefaultAvailableBalance = 1_000_000;

    private readonly Dictionary<(string Account, string Currency), long> _balances = [];

    /// <summary>Every charge and account debit on every account, oldest first, for tests and the control endpoint.</summary>
    public IReadOnlyList<StripeChargeRecord> Charges
    {
        get
        {
            lock (_gate)
            {
                return _charges.OrderBy(c => c.Seq).Select(ToRecord).ToList();
            }
        }
    }

    /// <summary>A connected account's available balance in minor units of <paramref name="currency"/>.</summary>
    public long AvailableBalance(string account, string currency = "usd")
    {
        lock (_gate)
        {
            return BalanceOf(account, currency.ToLowerInvariant());
        }
    }

    /// <summary>Sets a connected account's available balance (minor units), e.g. 0 to make the next debit fail.</summary>
    public void SetAvailableBalance(string account, long amountMinor, string currency = "usd")
    {
        lock (_gate)
        {
            _balances[(account, currency.ToLowerInvariant())] = amountMinor;
        }
    }

    /// <summary>
    /// Puts back a succeeded account debit made before this simulator started (it lives in memory; the dev host's demo
    /// world keeps its collections in storage): same id, amount and metadata, no balance change, no event. A known id is left alone.
    /// </summary>
    public void RestoreDebit(string id, string sourceAccount, long amountMinor, string currency, IReadOnlyDictionary<string, string> metadata,
        DateTimeOffset created, string? description = null)
    {
        lock (_gate)
        {
            if (_chargesById.ContainsKey(id))
            {
                return;
            }

            var charge = new StripeChargeState
            {
                Id = id,
                Seq = Interlocked.Increment(ref _seq),
                Account = null,
                SourceAccount = sourceAccount,
                PaymentIntent = null,
                Card = null,
                Amount = amountMinor,
                Currency = currency.ToLowerInvariant(),
                Created = created,
                Metadata = new Dictionary<string, string>(metadata),
                Description = description,
            };
            _charges.Add(charge);
            _chargesById[id] = charge;
            Settle(charge);
        }
    }

    private long BalanceOf(string account, string currency) => _balances.GetValueOrDefault((account, currency), DefaultAvailableBalance);

    /// <summary>POST /v1/charges: the simulator supports the account-debit form only (source=acct_…).</summary>
    private Reply CreateCharge(Call call)
    {
        var form = call.Form;
        if (ChargeAmount(form, out var amount, out var currency) is { } invalid)
        {
            return invalid;
        }

        if (form["source"] is not { Length: > 0 } source)
        {
            return Invalid("parameter_missing", "source", "Must provide source or customer.");
        }

        if (!source.StartsWith("acct_", StringComparison.Ordinal))
        {
            return Invalid("parameter_invalid_string", "source",
                "The simulator's /v1/charges supports account debits only (source=acct_…); charge cards with PaymentIntents.");
        }

        if (call.StripeAccount is not null)
        {
            return Invalid(null, "source", "Only a platform can debit a connected account: send this request without Stripe-Account, with the platform's key.");
        }

        lock (_gate)
        {
            if (FindAccount(source) is not { } setup)
            {
                return new Reply(400, StripeJson.Error("invalid_request_error",
                    $"The provided key '{Redact(call.ApiKey)}' does not have access to account '{source}' (or that account does not exist). "
                    + "Application access may have been revoked.", "account_invalid", "source"), Saved: false);
            }

            if (!string.Equals(setup.DefaultCurrency, currency, StringComparison.OrdinalIgnoreCase))
            {
                return Invalid("parameter_invalid_string", "currency",
                    $"The currency of an account debit must match the default currency of the connected account ({setup.DefaultCurrency}).");
            }

            // Refusals decided by the endpoint are saved under the idempotency key like any answer it gives.
            if (!setup.ChargesEnabled || !setup.PayoutsEnabled)
            {
                return new Reply(400, StripeJson.Error("invalid_request_error",
                    $"The account {source} cannot be debited: it is restricted (requirements.disabled_reason: "
                    + $"{setup.DisabledReason ?? "requirements.past_due"}). The requested transfer cannot be created.",
                    "transfers_not_allowed", "source"));
            }

            var available = BalanceOf(source, currency);
            if (available < amount)
            {
                Interlocked.Increment(ref _declinedCharges);
                return new Reply(400, StripeJson.Error("invalid_request_error",
                    $"Insufficient funds in the connected account {source}: its available balance ({available} {currency}) cannot cover "
                    + $"this debit ({amount} {currency}) and it has no reserves in this currency.",
                    "balance_insufficient", "amount"));
            }

            _balances[(source, currency)] = available - amount;
            var charge = new StripeChargeState
            {
                Id = StripeJson.NewId("py"),
                Seq = Interlocked.Increment(ref _seq),
                Account = null,
                SourceAccount = source,
                PaymentIntent = null,
                Card = null,
                Amount = amount,
                Currency = currency,
                Created = Clock.GetUtcNow(),
                Metadata = form.Hash("metadata"),
                Description = form["description"],
            };
            _charges.Add(charge);
            _chargesById[charge.Id] = charge;
            Settle(charge);
            Interlocked.Increment(ref _succeededCharges);
            Emit(null, "charge.succeeded", ChargeJson(charge));
            return new Reply(200, ChargeJson(charge));
        }
    }

    /// <summary>GET /v1/charges/search: <c>metadata['key']:'value'</c>, <c>status:</c>, <c>currency:</c>, <c>customer:</c> joined by AND.</summary>
    private Reply SearchCharges(Call call)
    {
        if (ParseSearch(call.Form["query"], ["status", "currency", "customer"]) is not { } clauses)
        {
            return Invalid("parameter_invalid_string", "query",
                $"The simulator cannot parse the search query \"{call.Form["query"]}\"; use metadata['key']:'value', status:'…', currency:'…' or customer:'…' joined by AND.");
        }

        var limit = Math.Clamp((int)(call.Form.Long("limit") ?? 10), 1, 100);
        lock (_gate)
        {
            var found = _charges
                .Where(c => c.Account == call.StripeAccount)
                .Where(c => clauses.All(clause => clause.Matches(clause.Field switch
                {
                    "status" => c.Status,
                    "currency" => c.Currency,
                    "customer" => c.Customer,
                    _ => c.Metadata.GetValueOrDefault(clause.Key!),
                })))
                .OrderByDescending(c => c.Created).ThenByDescending(c => c.Seq)
                .Take(limit)
                .Select(ChargeJson);
            return new Reply(200, StripeJson.SearchResult("/v1/charges/search", found));
        }
    }

    /// <summary>GET /v1/balance: what the account the call acts on holds (connected accounts; the platform shows its debits' takings).</summary>
    private Reply GetBalance(Call call)
    {
        lock (_gate)
        {
            var available = new JsonArray();
            if (call.StripeAccount is { } account)
            {
                var currencies = _balances.Keys.Where(k => k.Account == account).Select(k => k.Currency)
                    .Append(SetupOf(account).DefaultCurrency).Distinct().Order(StringComparer.Ordinal);
                foreach (var currency in currencies)
                {
                    available.Add(BalanceAmount(BalanceOf(account, currency), currency));
                }
            }
            else
            {
                foreach (var group in _charges.Where(c => c.Account is null && c.SourceAccount is not null && c.Succeeded).GroupBy(c => c.Currency))
                {
                    available.Add(BalanceAmount(group.Sum(c => c.Amount), group.Key));
                }
            }

            return new Reply(200, new JsonObject
            {
                ["object"] = "balance",
                ["available"] = available,
                ["livemode"] = false,
                ["pending"] = new JsonArray(),
            });
        }
    }

    private static JsonObject BalanceAmount(long amount, string currency) => new()
    {
        ["amount"] = amount, ["currency"] = currency, ["source_types"] = new JsonObject { ["card"] = amount },
    };

    private static StripeChargeRecord ToRecord(StripeChargeState c) => new(
        c.Id, c.Status, c.Amount, c.Currency, c.Account, c.SourceAccount, c.PaymentIntent, c.Customer, c.PaymentMethod,
        new Dictionary<string, string>(c.Metadata), c.FailureCode, c.Created);

    private void ResetBalances() => _balances.Clear();
}
