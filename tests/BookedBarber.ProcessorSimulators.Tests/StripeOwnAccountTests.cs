using System.Net;
using BookedBarber.ProcessorSimulators.Stripe;
using Stripe;

namespace BookedBarber.ProcessorSimulators.Tests;

/// <summary>A barber's own Stripe account (their own secret key), through the real Stripe.net client over HTTP.</summary>
public sealed class StripeOwnAccountTests : IClassFixture<SimulatorFixture>
{
    private readonly SimulatorServer _server;
    private readonly StripeSimulator _stripe;

    public StripeOwnAccountTests(SimulatorFixture fixture)
    {
        _server = fixture.Server;
        _stripe = fixture.Server.Stripe;
        _stripe.Reset();
    }

    [Fact]
    public async Task OwnKey_GetsItsAccount_AndSwitchesShowInIt()
    {
        var shop = _stripe.CreateStandaloneAccount("Fade Factory");
        var accounts = new AccountService(Client(shop.SecretKey));

        var account = await accounts.GetSelfAsync();
        Assert.Equal((shop.Id, true, true, "Fade Factory", "usd"),
            (account.Id, account.ChargesEnabled, account.DetailsSubmitted, account.BusinessProfile.Name, account.DefaultCurrency));
        Assert.Equal("standard", account.Type);

        _stripe.DisableCharges(shop.Id);
        var disabled = await accounts.GetSelfAsync();
        Assert.False(disabled.ChargesEnabled);
        Assert.Equal("rejected.other", disabled.Requirements.DisabledReason);

        _stripe.Restrict(shop.Id);
        var restricted = await accounts.GetSelfAsync();
        Assert.Equal((false, false, "requirements.past_due"), (restricted.ChargesEnabled, restricted.PayoutsEnabled, restricted.Requirements.DisabledReason));
        Assert.Equal(shop.Id, (await accounts.GetAsync(shop.Id)).Id);
    }

    [Fact]
    public async Task PlatformKey_StillReadsConnectAccounts_ButNotABarbersOwnAccount()
    {
        var shop = _stripe.CreateStandaloneAccount();
        var platform = new AccountService(Client(StripeSimulator.PlatformKey));

        Assert.Equal(StripeSimulator.PlatformAccountId, (await platform.GetSelfAsync()).Id);
        Assert.True((await platform.GetAsync("acct_1ConnectBarber")).ChargesEnabled);
        var error = await Assert.ThrowsAsync<StripeException>(() => platform.GetAsync(shop.Id));
        Assert.Equal(("account_invalid", HttpStatusCode.Forbidden), (error.StripeError.Code, error.HttpStatusCode));
    }

    [Theory]
    [InlineData("sk_test_nobody_has_this_key")]
    [InlineData("sk_live_real_key_not_here")]
    [InlineData("pk_test_publishable")]
    public async Task UnknownKey_Is401StripeException(string key)
    {
        var error = await Assert.ThrowsAsync<StripeException>(() => new AccountService(Client(key)).GetSelfAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, error.HttpStatusCode);
        Assert.Equal("invalid_request_error", error.StripeError.Type);
        Assert.StartsWith("Invalid API Key provided", error.StripeError.Message);
    }

    [Fact]
    public async Task RolledKey_Is401Expired_NewKeyWorks()
    {
        var shop = _stripe.CreateStandaloneAccount();

        var newKey = _stripe.RollApiKey(shop.Id);

        var error = await Assert.ThrowsAsync<StripeException>(() => new AccountService(Client(shop.SecretKey)).GetSelfAsync());
        Assert.Equal((HttpStatusCode.Unauthorized, "api_key_expired"), (error.HttpStatusCode, error.StripeError.Code));
        Assert.Equal(shop.Id, (await new AccountService(Client(newKey)).GetSelfAsync()).Id);
    }

    [Fact]
    public async Task ChargesDisabled_RefusesPayments_AndChargesNothing()
    {
        var shop = _stripe.CreateStandaloneAccount();
        _stripe.DisableCharges(shop.Id);

        var error = await Assert.ThrowsAsync<StripeException>(() => Intents(shop.SecretKey).CreateAsync(Visa(2500)));

        Assert.Equal((HttpStatusCode.BadRequest, "account_invalid"), (error.HttpStatusCode, error.StripeError.Code));
        Assert.Empty(_stripe.PaymentIntents);
        Assert.Throws<InvalidOperationException>(() => _stripe.TakeInPersonPayment(shop.SecretKey, 2500));
    }

    [Fact]
    public async Task OwnKeyPayments_BelongToTheAccount_AndAreInvisibleToOthers()
    {
        var shop = _stripe.CreateStandaloneAccount();
        var other = _stripe.CreateStandaloneAccount();

        var intent = await Intents(shop.SecretKey).CreateAsync(Visa(4000));
        var chair = _stripe.TakeInPersonPayment(other.SecretKey, 3000);

        Assert.Equal(shop.Id, _stripe.PaymentIntents.Single(p => p.Id == intent.Id).StripeAccount);
        Assert.Equal(intent.Id, Assert.Single((await Intents(shop.SecretKey).ListAsync()).Data).Id);
        Assert.Equal(chair.Id, Assert.Single((await Intents(other.SecretKey).ListAsync()).Data).Id);
        Assert.Empty((await Intents(StripeSimulator.PlatformKey).ListAsync()).Data);
        var hidden = await Assert.ThrowsAsync<StripeException>(() => Intents(other.SecretKey).GetAsync(intent.Id));
        Assert.Equal(HttpStatusCode.NotFound, hidden.HttpStatusCode);
        var search = await Intents(shop.SecretKey).SearchAsync(new PaymentIntentSearchOptions { Query = "status:'succeeded'" });
        Assert.Equal(intent.Id, Assert.Single(search.Data).Id);
    }

    [Fact]
    public async Task OwnKey_CannotTakeAnApplicationFee()
    {
        var shop = _stripe.CreateStandaloneAccount();
        var options = Visa(4000);
        options.ApplicationFeeAmount = 400;

        var error = await Assert.ThrowsAsync<StripeException>(() => Intents(shop.SecretKey).CreateAsync(options));

        Assert.Equal("application_fee_amount", error.StripeError.Param);
        Assert.Empty(_stripe.PaymentIntents);
    }

    [Fact]
    public async Task InPersonPayment_IsListedWithCardPresentDetails_FeesAndMetadata()
    {
        var shop = _stripe.CreateStandaloneAccount();
        var chair = _stripe.TakeInPersonPayment(shop.SecretKey, 4500, metadata: new Dictionary<string, string> { ["appointment_id"] = "bb-appt-42" });

        var charges = await Charges(shop.SecretKey).ListAsync(new ChargeListOptions { Expand = ["data.balance_transaction"] });

        var charge = Assert.Single(charges.Data);
        Assert.Equal((chair.LatestCharge, chair.Id, 4500L, "succeeded", true), (charge.Id, charge.PaymentIntentId, charge.Amount, charge.Status, charge.Paid));
        Assert.Equal("card_present", charge.PaymentMethodDetails.Type);
        Assert.NotNull(charge.PaymentMethodDetails.CardPresent.Brand);
        Assert.Equal(4, charge.PaymentMethodDetails.CardPresent.Last4.Length);
        Assert.Equal("bb-appt-42", charge.Metadata["appointment_id"]);
        var fees = charge.BalanceTransaction;
        Assert.Equal((4500L, 127L, 4373L), (fees.Amount, fees.Fee, fees.Net)); // 2.7% + 5¢ in person
        Assert.Equal("stripe_fee", Assert.Single(fees.FeeDetails).Type);
    }

    [Fact]
    public async Task OnlinePayment_ExpandsLatestChargeAndItsBalanceTransaction()
    {
        var shop = _stripe.CreateStandaloneAccount();
        await Intents(shop.SecretKey).CreateAsync(Visa(10000, new() { ["appointment_id"] = "bb-appt-7" }));

        var page = await Intents(shop.SecretKey).ListAsync(new PaymentIntentListOptions
        {
            Expand = ["data.latest_charge", "data.latest_charge.balance_transaction"],
        });

        var charge = Assert.Single(page.Data).LatestCharge;
        Assert.Equal(("visa", "4242", "card"), (charge.PaymentMethodDetails.Card.Brand, charge.PaymentMethodDetails.Card.Last4, charge.PaymentMethodDetails.Type));
        Assert.Equal("bb-appt-7", charge.Metadata["appointment_id"]);
        Assert.Equal((320L, 9680L), (charge.BalanceTransaction.Fee, charge.BalanceTransaction.Net)); // 2.9% + 30¢
        var single = await Intents(shop.SecretKey).GetAsync(page.Data[0].Id, new PaymentIntentGetOptions { Expand = ["latest_charge"] });
        Assert.Equal(charge.Id, single.LatestCharge.Id);
    }

    [Fact]
    public async Task Listing_PagesThroughACreatedRange_NewestFirst()
    {
        var shop = _stripe.CreateStandaloneAccount();
        var start = new DateTimeOffset(2026, 1, 1, 9, 0, 0, TimeSpan.Zero);
        var seeded = _stripe.AddHistoricalPayments(shop.SecretKey,
            Enumerable.Range(0, 250).Select(i => new StripeHistoricalPayment(1000 + i, start.AddMinutes(10 * i))));
        var since = start.AddMinutes(10 * 20);

        var seen = new List<Charge>();
        var options = new ChargeListOptions { Limit = 100, Created = new DateRangeOptions { GreaterThanOrEqual = since.UtcDateTime } };
        StripeList<Charge> page;
        var pages = 0;
        do
        {
            page = await Charges(shop.SecretKey).ListAsync(options);
            seen.AddRange(page.Data);
            options.StartingAfter = page.Data.LastOrDefault()?.Id;
            pages++;
        }
        while (page.HasMore);

        Assert.Equal((230, 3), (seen.Count, pages));
        Assert.Equal(seeded.Skip(20).Select(p => p.LatestCharge).Reverse(), seen.Select(c => c.Id));
        Assert.Equal(230, seen.Select(c => c.Id).Distinct().Count());
        var bounded = await Intents(shop.SecretKey).ListAsync(new PaymentIntentListOptions
        {
            Created = new DateRangeOptions { GreaterThanOrEqual = since.UtcDateTime, LessThan = since.AddMinutes(50).UtcDateTime },
        });
        Assert.Equal(5, bounded.Data.Count);
    }

    [Fact]
    public async Task Listing_RejectsALimitOver100()
    {
        var shop = _stripe.CreateStandaloneAccount();

        var error = await Assert.ThrowsAsync<StripeException>(() => Charges(shop.SecretKey).ListAsync(new ChargeListOptions { Limit = 101 }));

        Assert.Equal(("limit", HttpStatusCode.BadRequest), (error.StripeError.Param, error.HttpStatusCode));
    }

    [Fact]
    public void BulkHistory_TenThousandPayments_IsFast()
    {
        var shop = _stripe.CreateStandaloneAccount();
        var start = DateTimeOffset.UtcNow.AddDays(-90);
        var watch = System.Diagnostics.Stopwatch.StartNew();

        var seeded = _stripe.AddHistoricalPayments(shop.SecretKey,
            Enumerable.Range(0, 10_000).Select(i => new StripeHistoricalPayment(2500, start.AddMinutes(i))));

        Assert.Equal(10_000, seeded.Count);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
        Assert.Empty(_stripe.Events); // history makes no events
    }

    [Fact]
    public async Task Refund_UpdatesTheCharge_AndADisputeMarksIt()
    {
        var shop = _stripe.CreateStandaloneAccount();
        var intent = await Intents(shop.SecretKey).CreateAsync(Visa(5000));
        var refunds = new RefundService(Client(shop.SecretKey));

        await refunds.CreateAsync(new RefundCreateOptions { PaymentIntent = intent.Id, Amount = 2000 });
        var partly = await Charges(shop.SecretKey).GetAsync(intent.LatestChargeId);
        await refunds.CreateAsync(new RefundCreateOptions { Charge = intent.LatestChargeId });
        var fully = await Charges(shop.SecretKey).GetAsync(intent.LatestChargeId);

        Assert.Equal((2000L, false), (partly.AmountRefunded, partly.Refunded));
        Assert.Equal((5000L, true), (fully.AmountRefunded, fully.Refunded));
        Assert.Equal(["charge.refunded", "charge.refunded"], _stripe.Events.Where(e => e.Type == "charge.refunded").Select(e => e.Type));

        var chair = _stripe.TakeInPersonPayment(shop.SecretKey, 3000);
        var dispute = _stripe.Dispute(chair.Id, "fraudulent");
        var disputed = await Charges(shop.SecretKey).GetAsync(chair.LatestCharge);
        Assert.True(disputed.Disputed);
        Assert.Equal((chair.LatestCharge, 3000L, "fraudulent"), (dispute.Charge, dispute.Amount, dispute.Reason));
        Assert.Contains(_stripe.Events, e => e.Type == "charge.dispute.created" && e.ObjectId == dispute.Id && e.Account == shop.Id);
    }

    [Fact]
    public async Task SaveCard_CustomerAndSetupFutureUsage_AttachesAReusablePaymentMethod()
    {
        var shop = _stripe.CreateStandaloneAccount();
        var customers = new CustomerService(Client(shop.SecretKey));
        var customer = await customers.CreateAsync(new CustomerCreateOptions { Email = "client@example.com", Name = "Client" });
        var options = Visa(3000);
        options.Customer = customer.Id;
        options.SetupFutureUsage = "off_session";

        var intent = await Intents(shop.SecretKey).CreateAsync(options);

        Assert.Equal(("succeeded", customer.Id, "off_session"), (intent.Status, intent.CustomerId, intent.SetupFutureUsage));
        Assert.StartsWith("pm_", intent.PaymentMethodId);
        Assert.NotEqual("pm_card_visa", intent.PaymentMethodId);
        Assert.Equal(customer.Id, _stripe.SavedPaymentMethods[intent.PaymentMethodId]);
        Assert.Equal("client@example.com", (await customers.GetAsync(customer.Id)).Email);

        // The saved card pays again off session.
        var again = await Intents(shop.SecretKey).CreateAsync(new PaymentIntentCreateOptions
        {
            Amount = 1500, Currency = "usd", Customer = customer.Id, PaymentMethod = intent.PaymentMethodId, Confirm = true, OffSession = true,
        });
        Assert.Equal("succeeded", again.Status);
        var listed = await customers.ListPaymentMethodsAsync(customer.Id);
        Assert.Equal(intent.PaymentMethodId, Assert.Single(listed.Data).Id);
    }

    [Fact]
    public async Task AttachPaymentMethod_ToACustomer()
    {
        var customer = await new CustomerService(Client(StripeSimulator.PlatformKey)).CreateAsync(new CustomerCreateOptions { Name = "Walk-in" });
        var methods = new PaymentMethodService(Client(StripeSimulator.PlatformKey));

        var attached = await methods.AttachAsync("pm_card_mastercard", new PaymentMethodAttachOptions { Customer = customer.Id });
        var missing = await Assert.ThrowsAsync<StripeException>(() => methods.AttachAsync("pm_card_visa", new PaymentMethodAttachOptions { Customer = "cus_nope" }));
        var declined = await Assert.ThrowsAsync<StripeException>(() => methods.AttachAsync("pm_card_chargeDeclined", new PaymentMethodAttachOptions { Customer = customer.Id }));

        Assert.Equal((customer.Id, "mastercard", "4444"), (attached.CustomerId, attached.Card.Brand, attached.Card.Last4));
        Assert.Equal(("resource_missing", "customer"), (missing.StripeError.Code, missing.StripeError.Param));
        Assert.Equal(HttpStatusCode.PaymentRequired, declined.HttpStatusCode);
        Assert.Single(_stripe.SavedPaymentMethods);
    }

    [Fact]
    public async Task UnknownCustomer_IsRefusedWithoutCharging()
    {
        var options = Visa(3000);
        options.Customer = "cus_missing";

        var error = await Assert.ThrowsAsync<StripeException>(() => Intents(StripeSimulator.PlatformKey).CreateAsync(options));

        Assert.Equal(("resource_missing", "customer"), (error.StripeError.Code, error.StripeError.Param));
        Assert.Equal(0, _stripe.SucceededCharges);
    }

    private static PaymentIntentCreateOptions Visa(long amount, Dictionary<string, string>? metadata = null) => new()
    {
        Amount = amount, Currency = "usd", PaymentMethod = "pm_card_visa", Confirm = true, Metadata = metadata,
    };

    private PaymentIntentService Intents(string key) => new(Client(key));

    private ChargeService Charges(string key) => new(Client(key));

    private StripeClient Client(string apiKey) => new(new StripeClientOptions
    {
        ApiKey = apiKey,
        ApiBase = _server.BaseUrl,
        HttpClient = new SystemNetHttpClient(maxNetworkRetries: 0),
    });
}
