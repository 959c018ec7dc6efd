using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace BookedBarber.ProcessorSimulators.Stripe;

// Accounts: the platform, its Connect accounts (Stripe-Account header) and standalone accounts barbers own (their own key).
public sealed partial class StripeSimulator
{
    /// <summary>What GET /v1/account answers to the platform's key.</summary>
    public const string PlatformAccountId = "acct_simulator_platform";

    private static readonly StripeAccountSetup PlatformSetup = new(Type: "standard", BusinessName: "BookedBarber");

    /// <summary>Another key that acts as the platform (a host configured with its own test key).</summary>
    public void AddPlatformKey(string secretKey)
    {
        lock (_gate)
        {
            _platformKeys.Add(secretKey);
        }
    }

    /// <summary>
    /// Opens a Stripe account a barber owns, as they would in Stripe's dashboard, and returns its id and secret key.
    /// Calls made with that key act on this account: GET /v1/account returns it, and its payment intents, charges,
    /// customers, webhook endpoints and events are its own.
    /// </summary>
    public StripeStandaloneAccount CreateStandaloneAccount(
        string? businessName = null, StripeAccountSetup? setup = null, string? accountId = null, string? secretKey = null)
    {
        var id = accountId ?? "acct_" + RandomNumberGenerator.GetString("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz", 16);
        var key = secretKey ?? NewSecretKey();
        lock (_gate)
        {
            if (_platformKeys.Contains(key) || _ownKeys.ContainsKey(key))
            {
                throw new InvalidOperationException($"The key {key} is already in use.");
            }

            _standalone[id] = (setup ?? new StripeAccountSetup()) with { Type = "standard", BusinessName = businessName ?? setup?.BusinessName };
            _accountCreated[id] = Clock.GetUtcNow();
            _ownKeys[key] = id;
        }

        return new StripeStandaloneAccount(id, key);
    }

    /// <summary>
    /// Changes how an account looks (Connect or standalone) and sends <c>account.updated</c> with what changed:
    /// to the standalone account's own endpoints, or to the platform's Connect endpoints.
    /// </summary>
    public void SetAccount(string id, StripeAccountSetup setup)
    {
        lock (_gate)
        {
            var before = CurrentSetup(id);
            if (_standalone.ContainsKey(id))
            {
                _standalone[id] = setup with { Type = "standard" };
            }
            else
            {
                _accounts[id] = setup;
            }

            if (before is not null)
            {
                var created = _accountCreated.GetValueOrDefault(id, Clock.GetUtcNow());
                var old = StripeJson.Account(id, before, created);
                var now = StripeJson.Account(id, CurrentSetup(id)!, created);
                var previous = new JsonObject();
                foreach (var (field, value) in old)
                {
                    if (!JsonNode.DeepEquals(value, now[field]))
                    {
                        previous[field] = value?.DeepClone();
                    }
                }

                if (previous.Count > 0)
                {
                    Emit(id, "account.updated", now, previous);
                }
            }
        }
    }

    /// <summary>Stripe turns charges off (e.g. after a review): charges_enabled false, payment intents refused.</summary>
    public void DisableCharges(string id, string reason = "rejected.other") =>
        Update(id, setup => setup with { ChargesEnabled = false, DisabledReason = reason });

    /// <summary>Information is past due: charges and payouts off until the barber provides it.</summary>
    public void Restrict(string id) =>
        Update(id, setup => setup with { ChargesEnabled = false, PayoutsEnabled = false, DisabledReason = "requirements.past_due" });

    /// <summary>Charges and payouts back on.</summary>
    public void Enable(string id) =>
        Update(id, setup => setup with { ChargesEnabled = true, PayoutsEnabled = true, DisabledReason = null });

    /// <summary>The platform loses access to the Connect account (as after an OAuth deauthorization).</summary>
    public void DisconnectAccount(string id)
    {
        lock (_gate)
        {
            _accounts[id] = null;
        }
    }

    /// <summary>The barber rolls their key in Stripe's dashboard: the old key gets 401 api_key_expired, the new one works.</summary>
    public string RollApiKey(string accountId)
    {
        var key = NewSecretKey();
        lock (_gate)
        {
            foreach (var old in _ownKeys.Where(k => k.Value == accountId).Select(k => k.Key).ToList())
            {
                _ownKeys.Remove(old);
                _rolledKeys.Add(old);
            }

            _ownKeys[key] = accountId;
        }

        return key;
    }

    private void Update(string id, Func<StripeAccountSetup, StripeAccountSetup> change)
    {
        lock (_gate)
        {
            SetAccount(id, change(CurrentSetup(id) ?? new StripeAccountSetup()));
        }
    }

    private StripeAccountSetup? CurrentSetup(string id) =>
        _standalone.TryGetValue(id, out var own) ? own : _accounts.TryGetValue(id, out var connected) ? connected
            : id.StartsWith("acct_", StringComparison.Ordinal) ? new StripeAccountSetup() : null;

    /// <summary>The setup of the account a call acts on (the platform's when null).</summary>
    private StripeAccountSetup SetupOf(string? account) =>
        account is null ? PlatformSetup : CurrentSetup(account) ?? new StripeAccountSetup();

    private bool IsConnectAccount(string? account) => account is not null && !_standalone.ContainsKey(account);

    /// <summary>GET /v1/account: the account the key (or Stripe-Account header) acts on.</summary>
    private Reply GetOwnAccount(Call call)
    {
        lock (_gate)
        {
            var id = call.StripeAccount ?? PlatformAccountId;
            return new Reply(200, StripeJson.Account(id, SetupOf(call.StripeAccount), _accountCreated.GetValueOrDefault(id, Clock.GetUtcNow())));
        }
    }

    private Reply GetAccount(Call call)
    {
        lock (_gate)
        {
            // An account may always read itself; the platform reads its Connect accounts.
            if (call.OwnKey)
            {
                return call.Id == call.StripeAccount ? GetOwnAccount(call) : new Reply(403, NoAccess(call.ApiKey, call.Id), Saved: false);
            }

            return FindAccount(call.Id) is { } setup
                ? new Reply(200, StripeJson.Account(call.Id, setup, _accountCreated.GetValueOrDefault(call.Id, Clock.GetUtcNow())))
                : new Reply(403, NoAccess(call.ApiKey, call.Id), Saved: false);
        }
    }

    /// <summary>What Stripe answers when an account whose charges are disabled tries to charge.</summary>
    private Reply? RefuseChargesIfDisabled(string? account)
    {
        var setup = SetupOf(account);
        return setup.ChargesEnabled
            ? null
            : new Reply(400, StripeJson.Error("invalid_request_error",
                "Your account cannot currently make charges. To find out why charge creation is currently disabled, look at the "
                + $"`requirements.disabled_reason` property on this account (/v1/accounts/{account ?? PlatformAccountId}).",
                code: "account_invalid"), Saved: false);
    }

    private static string NewSecretKey() =>
        "sk_test_" + RandomNumberGenerator.GetString("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz", 48);
}
