using System.Net;
using System.Text;
using System.Text.Json;
using BookedBarber.ProcessorSimulators.Stripe;
using Stripe;

namespace BookedBarber.ProcessorSimulators.Tests;

/// <summary>
/// How the platform collects commission after the fact, with the real Stripe.net client against the simulator: account
/// debits of Connect accounts, off-session charges of saved cards, their failure modes, idempotent replays, search.
/// </summary>
public sealed class StripeCollectionChargeTests : IClassFixture<SimulatorFixture>
{
    private const string Barber = "acct_1CollectBarber000001";

    private readonly SimulatorServer _server;
    private readonly StripeSimulator _stripe;

    public StripeCollectionChargeTests(SimulatorFixture fixture)
    {
        _server = fixture.Server;
        _stripe = fixture.Server.Stripe;
        _stripe.Reset();
    }

    [Fact]
    public async Task AccountDebit_TakesFromTheConnectedBalance_AndAnswersAPaymentOnThePlatform()
    {
        var debit = await Charges().CreateAsync(Debit(2500, "7"));

        Assert.StartsWith("py_", debit.Id);
        Assert.Equal(("succeeded", 2500L, "usd", true), (debit.Status, debit.Amount, debit.Currency, debit.Paid));
        Assert.Equal(Barber, debit.Source.Id);
        Assert.Null(debit.PaymentIntentId);
        Assert.Equal(("7", "commission_collection"), (debit.Metadata["collection_id"], debit.Metadata["purpose"]));
        Assert.StartsWith("txn_", debit.BalanceTransactionId);
        Assert.Equal(StripeSimulator.DefaultAvailableBalance - 2500, _stripe.AvailableBalance(Barber));
        var balance = await new BalanceService(Client()).GetAsync(new RequestOptions { StripeAccount = Barber });
        Assert.Equal(StripeSimulator.DefaultAvailableBalance - 2500, Assert.Single(balance.Available).Amount);
        var transaction = await new BalanceTransactionService(Client()).GetAsync(debit.BalanceTransactionId);
        Assert.Equal(("payment", 2500L, 0L), (transaction.Type, transaction.Amount, transaction.Fee));
        var record = Assert.Single(_stripe.Charges);
        Assert.Equal((debit.Id, (string?)null, Barber), (record.Id, record.Account, record.SourceAccount));
        Assert.Contains(_stripe.Events, e => e.Type == "charge.succeeded" && e.ObjectId == debit.Id && e.Account is null);
    }

    [Fact]
    public async Task AccountDebit_BeyondTheAvailableBalance_IsBalanceInsufficient_AndTakesNothing()
    {
        _stripe.SetAvailableBalance(Barber, 1000);

        var error = await Assert.ThrowsAsync<StripeException>(() => Charges().CreateAsync(Debit(2500, "8")));

        Assert.Equal(HttpStatusCode.BadRequest, error.HttpStatusCode);
        Assert.Equal(("invalid_request_error", "balance_insufficient"), (error.StripeError.Type, error.StripeError.Code));
        Assert.Equal(1000, _stripe.AvailableBalance(Barber));
        Assert.Empty(_stripe.Charges);
    }

    [Fact]
    public async Task AccountDebit_OfARestrictedAccount_IsRefused_UntilItIsUnrestricted()
    {
        _stripe.Restrict(Barber);
        var error = await Assert.ThrowsAsync<StripeException>(() => Charges().CreateAsync(Debit(2500, "9"), Key("a")));
        Assert.Equal(("invalid_request_error", "transfers_not_allowed"), (error.StripeError.Type, error.StripeError.Code));
        Assert.Empty(_stripe.Charges);

        _stripe.Enable(Barber);
        var debit = await Charges().CreateAsync(Debit(2500, "9"), Key("b"));
        Assert.Equal("succeeded", debit.Status);
    }

    [Fact]
    public async Task AccountDebit_OfAnAccountThePlatformCannotReach_IsAccountInvalid()
    {
        _stripe.DisconnectAccount(Barber);
        var own = _stripe.CreateStandaloneAccount();

        var revoked = await Assert.ThrowsAsync<StripeException>(() => Charges().CreateAsync(Debit(2500, "10")));
        var notConnected = await Assert.ThrowsAsync<StripeException>(() => Charges().CreateAsync(Debit(2500, "10", own.Id)));

        Assert.Equal("account_invalid", revoked.StripeError.Code);
        Assert.Equal("account_invalid", notConnected.StripeError.Code);
        Assert.Empty(_stripe.Charges);
    }

    [Fact]
    public async Task AccountDebit_BadRequests_AreRefusedBeforeAnythingMoves()
    {
        var currency = await Assert.ThrowsAsync<StripeException>(() => Charges().CreateAsync(new ChargeCreateOptions { Amount = 2500, Currency = "eur", Source = Barber }));
        var card = await Assert.ThrowsAsync<StripeException>(() => Charges().CreateAsync(new ChargeCreateOptions { Amount = 2500, Currency = "usd", Source = "tok_visa" }));
        var onAccount = await Assert.ThrowsAsync<StripeException>(() =>
            Charges().CreateAsync(Debit(2500, "11"), new RequestOptions { StripeAccount = Barber }));
        var own = _stripe.CreateStandaloneAccount();
        var byOwnKey = await Assert.ThrowsAsync<StripeException>(() => Charges(own.SecretKey).CreateAsync(Debit(2500, "11")));

        Assert.Equal("currency", currency.StripeError.Param);
        Assert.Equal("source", card.StripeError.Param);
        Assert.Equal("source", onAccount.StripeError.Param);
        Assert.Equal("source", byOwnKey.StripeError.Param);
        Assert.Empty(_stripe.Charges);
        Assert.Equal(StripeSimulator.DefaultAvailableBalance, _stripe.AvailableBalance(Barber));
    }

    [Fact]
    public async Task AccountDebit_SameKeyTwice_IsOneDebit_OtherParameters_AreAnIdempotencyError()
    {
        var first = await Charges().CreateAsync(Debit(2500, "12"), Key("debit-12-1"));
        var replay = await Charges().CreateAsync(Debit(2500, "12"), Key("debit-12-1"));
        var mismatch = await Assert.ThrowsAsync<StripeException>(() => Charges().CreateAsync(Debit(2600, "12"), Key("debit-12-1")));

        Assert.Equal(first.Id, replay.Id);
        Assert.Equal("idempotency_error", mismatch.StripeError.Type);
        Assert.Single(_stripe.Charges);
        Assert.Equal(StripeSimulator.DefaultAvailableBalance - 2500, _stripe.AvailableBalance(Barber));
    }

    [Fact]
    public async Task AccountDebit_ARefusalIsSavedUnderItsKey_ANewAttemptNeedsANewKey()
    {
        _stripe.SetAvailableBalance(Barber, 0);
        await Assert.ThrowsAsync<StripeException>(() => Charges().CreateAsync(Debit(2500, "13"), Key("debit-13-1")));
        _stripe.SetAvailableBalance(Barber, 5000);

        var replayed = await Assert.ThrowsAsync<StripeException>(() => Charges().CreateAsync(Debit(2500, "13"), Key("debit-13-1")));
        var next = await Charges().CreateAsync(Debit(2500, "13"), Key("debit-13-2"));

        Assert.Equal("balance_insufficient", replayed.StripeError.Code);
        Assert.Equal("succeeded", next.Status);
        Assert.Equal(2500, _stripe.AvailableBalance(Barber));
    }

    [Fact]
    public async Task OffSession_SavedVisa_IsCharged_AndTheChargeCarriesTheIntentsMetadata()
    {
        var (customer, card) = await SavedCardAsync("pm_card_visa");

        var intent = await Intents().CreateAsync(OffSession(customer, card, 3000, "20"), Key("card-20-1"));

        Assert.Equal(("succeeded", 3000L), (intent.Status, intent.AmountReceived));
        var charge = await Charges().GetAsync(intent.LatestChargeId);
        Assert.Equal(("20", "commission_collection", customer), (charge.Metadata["collection_id"], charge.Metadata["purpose"], charge.CustomerId));
    }

    [Theory]
    [InlineData("pm_card_chargeDeclinedInsufficientFunds", "card_declined", "insufficient_funds")]
    [InlineData("pm_card_chargeCustomerFail", "card_declined", "generic_decline")]
    [InlineData("pm_card_authenticationRequired", "authentication_required", "authentication_required")]
    public async Task OffSession_FailingSavedCard_Is402_AndTheIntentWaitsForAnotherPaymentMethod(string testCard, string code, string declineCode)
    {
        var (customer, card) = await SavedCardAsync(testCard);

        var error = await Assert.ThrowsAsync<StripeException>(() => Intents().CreateAsync(OffSession(customer, card, 3000, "21")));

        Assert.Equal(HttpStatusCode.PaymentRequired, error.HttpStatusCode);
        Assert.Equal(("card_error", code, declineCode), (error.StripeError.Type, error.StripeError.Code, error.StripeError.DeclineCode));
        Assert.Equal("requires_payment_method", error.StripeError.PaymentIntent.Status);
        Assert.Equal(code, error.StripeError.PaymentIntent.LastPaymentError.Code);
        var failed = Assert.Single(_stripe.Charges);
        Assert.Equal(("failed", code, "21"), (failed.Status, failed.FailureCode, failed.Metadata["collection_id"]));
    }

    [Fact]
    public async Task OnSession_AuthenticationRequiredCard_WaitsForTheCustomer_WithoutCharging()
    {
        var intent = await Intents().CreateAsync(new PaymentIntentCreateOptions
        {
            Amount = 3000, Currency = "usd", PaymentMethod = "pm_card_authenticationRequired", Confirm = true,
        });

        Assert.Equal(("requires_action", "use_stripe_sdk"), (intent.Status, intent.NextAction.Type));
        Assert.Empty(_stripe.Charges);
    }

    [Fact]
    public async Task OffSession_WithoutConfirm_IsRefused()
    {
        var error = await Assert.ThrowsAsync<StripeException>(() => Intents().CreateAsync(new PaymentIntentCreateOptions
        {
            Amount = 3000, Currency = "usd", PaymentMethod = "pm_card_visa", OffSession = true,
        }));

        Assert.Equal("off_session", error.StripeError.Param);
    }

    [Fact]
    public async Task OffSession_SameKeyTwice_IsOneCharge()
    {
        var (customer, card) = await SavedCardAsync("pm_card_visa");

        var first = await Intents().CreateAsync(OffSession(customer, card, 3000, "22"), Key("card-22-1"));
        var replay = await Intents().CreateAsync(OffSession(customer, card, 3000, "22"), Key("card-22-1"));

        Assert.Equal(first.Id, replay.Id);
        Assert.Single(_stripe.Charges, c => c.Status == "succeeded");
    }

    [Fact]
    public async Task ChargeSearch_FindsDebitsAndCardChargesByMetadata_AndStatus()
    {
        var (customer, card) = await SavedCardAsync("pm_card_chargeDeclinedInsufficientFunds");
        await Assert.ThrowsAsync<StripeException>(() => Intents().CreateAsync(OffSession(customer, card, 3000, "30")));
        var debit = await Charges().CreateAsync(Debit(3000, "30"));
        await Charges().CreateAsync(Debit(3000, "31"));

        var all = await Charges().SearchAsync(new ChargeSearchOptions { Query = "metadata['collection_id']:'30'" });
        var succeeded = await Charges().SearchAsync(new ChargeSearchOptions { Query = "metadata['collection_id']:'30' AND status:'succeeded'" });
        var intents = await Intents().SearchAsync(new PaymentIntentSearchOptions { Query = $"metadata['collection_id']:'30' AND customer:'{customer}'" });
        var unknown = await Assert.ThrowsAsync<StripeException>(() => Charges().SearchAsync(new ChargeSearchOptions { Query = "amount>100" }));

        Assert.Equal(2, all.Data.Count);
        Assert.Equal(debit.Id, Assert.Single(succeeded.Data).Id);
        Assert.Equal("requires_payment_method", Assert.Single(intents.Data).Status);
        Assert.Equal("query", unknown.StripeError.Param);
    }

    [Fact]
    public async Task ControlEndpoints_SetBalance_Restrict_AndListChargesByMetadata()
    {
        using var http = new HttpClient { BaseAddress = new Uri(_server.BaseUrl) };

        var set = await http.PostAsync($"/_simulator/stripe/accounts/{Barber}/balance", Json("""{"currency":"usd","available":4000}"""));
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        Assert.Equal(4000, _stripe.AvailableBalance(Barber));
        await Charges().CreateAsync(Debit(2500, "40"));
        await Charges().CreateAsync(Debit(1000, "41"));

        var restricted = await http.PostAsync($"/_simulator/stripe/accounts/{Barber}/restrict", null);
        Assert.False(JsonDocument.Parse(await restricted.Content.ReadAsStringAsync()).RootElement.GetProperty("payouts_enabled").GetBoolean());
        var refused = await Assert.ThrowsAsync<StripeException>(() => Charges().CreateAsync(Debit(100, "40")));
        Assert.Equal("transfers_not_allowed", refused.StripeError.Code);
        await http.PostAsync($"/_simulator/stripe/accounts/{Barber}/unrestrict", null);

        var listed = JsonDocument.Parse(await http.GetStringAsync("/_simulator/stripe/charges?metadata[collection_id]=40&status=succeeded")).RootElement;
        var only = Assert.Single(listed.GetProperty("data").EnumerateArray());
        Assert.Equal(2500, only.GetProperty("amount").GetInt64());
        var balance = JsonDocument.Parse(await http.GetStringAsync($"/_simulator/stripe/accounts/{Barber}/balance")).RootElement;
        Assert.Equal(500, balance.GetProperty("available").GetInt64());
        var bad = await http.PostAsync($"/_simulator/stripe/accounts/{Barber}/balance", Json("""{"currency":"usd"}"""));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    private async Task<(string Customer, string PaymentMethod)> SavedCardAsync(string testCard)
    {
        var customer = await new CustomerService(Client()).CreateAsync(new CustomerCreateOptions { Name = "Barber" });
        var saved = await new PaymentMethodService(Client()).AttachAsync(testCard, new PaymentMethodAttachOptions { Customer = customer.Id });
        return (customer.Id, saved.Id);
    }

    private static PaymentIntentCreateOptions OffSession(string customer, string paymentMethod, long amount, string collectionId) => new()
    {
        Amount = amount,
        Currency = "usd",
        Customer = customer,
        PaymentMethod = paymentMethod,
        OffSession = true,
        Confirm = true,
        Metadata = new Dictionary<string, string> { ["collection_id"] = collectionId, ["purpose"] = "commission_collection" },
    };

    private static ChargeCreateOptions Debit(long amount, string collectionId, string source = Barber) => new()
    {
        Amount = amount,
        Currency = "usd",
        Source = source,
        Description = $"BookedBarber commission collection {collectionId}",
        Metadata = new Dictionary<string, string> { ["collection_id"] = collectionId, ["purpose"] = "commission_collection" },
    };

    private static RequestOptions Key(string key) => new() { IdempotencyKey = key };

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private ChargeService Charges(string apiKey = StripeSimulator.PlatformKey) => new(Client(apiKey));

    private PaymentIntentService Intents() => new(Client());

    private StripeClient Client(string apiKey = StripeSimulator.PlatformKey) => new(new StripeClientOptions
    {
        ApiKey = apiKey,
        ApiBase = _server.BaseUrl,
        HttpClient = new SystemNetHttpClient(maxNetworkRetries: 0),
    });
}
