using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using BookedBarber.ProcessorSimulators.Stripe;
using Stripe;

namespace BookedBarber.ProcessorSimulators.Tests;

/// <summary>The real Stripe.net client, over HTTP, against the Stripe simulator.</summary>
public sealed class StripeSimulatorTests : IClassFixture<SimulatorFixture>
{
    private const string ApiKey = "sk_test_simulator_platform";
    private const string Barber = "acct_1BarberShop0000000001";

    private readonly SimulatorServer _server;
    private readonly StripeSimulator _stripe;

    public StripeSimulatorTests(SimulatorFixture fixture)
    {
        _server = fixture.Server;
        _stripe = fixture.Server.Stripe;
        _stripe.Reset();
    }

    [Fact]
    public async Task Create_WithVisaAndDestination_SucceedsAndRecordsFee()
    {
        var intent = await Service().CreateAsync(new PaymentIntentCreateOptions
        {
            Amount = 4500,
            Currency = "usd",
            PaymentMethod = "pm_card_visa",
            AllowedPaymentMethodTypes = ["card"],
            Confirm = true,
            ApplicationFeeAmount = 450,
            TransferData = new PaymentIntentTransferDataOptions { Destination = Barber },
            Metadata = new Dictionary<string, string> { ["appointment_id"] = "appt_1" },
            Description = "Fade",
        });

        Assert.StartsWith("pi_", intent.Id);
        Assert.Equal("succeeded", intent.Status);
        Assert.Equal(4500, intent.AmountReceived);
        Assert.Equal(450, intent.ApplicationFeeAmount);
        Assert.Equal(Barber, intent.TransferData.DestinationId);
        Assert.Equal(["card"], intent.PaymentMethodTypes);
        Assert.StartsWith("ch_", intent.LatestChargeId);
        Assert.Equal("appt_1", intent.Metadata["appointment_id"]);
        Assert.Equal(1, _stripe.SucceededCharges);
        var record = Assert.Single(_stripe.PaymentIntents);
        Assert.Equal((intent.Id, 4500L, "usd", 450L, Barber), (record.Id, record.Amount, record.Currency, record.ApplicationFeeAmount, record.Destination));
        Assert.Equal("appt_1", record.Metadata["appointment_id"]);
        Assert.NotNull(record.IdempotencyKey); // Stripe.net sends a generated key on every POST
    }

    [Fact]
    public async Task Create_OnConnectedAccount_RecordsStripeAccountHeader()
    {
        var intent = await Service().CreateAsync(
            new PaymentIntentCreateOptions
            {
                Amount = 3000, Currency = "usd", PaymentMethod = "tok_visa", Confirm = true, ApplicationFeeAmount = 90,
                AutomaticPaymentMethods = new PaymentIntentAutomaticPaymentMethodsOptions { Enabled = true },
            },
            new RequestOptions { StripeAccount = Barber });

        Assert.Equal("succeeded", intent.Status);
        Assert.True(intent.AutomaticPaymentMethods.Enabled);
        Assert.Equal(Barber, Assert.Single(_stripe.PaymentIntents).StripeAccount);

        // Objects on a connected account are only visible with its header.
        var hidden = await Assert.ThrowsAsync<StripeException>(() => Service().GetAsync(intent.Id));
        Assert.Equal(HttpStatusCode.NotFound, hidden.HttpStatusCode);
        var seen = await Service().GetAsync(intent.Id, requestOptions: new RequestOptions { StripeAccount = Barber });
        Assert.Equal(intent.Id, seen.Id);
    }

    [Fact]
    public async Task Create_WithFeeButNoDestination_IsRejected()
    {
        var error = await Assert.ThrowsAsync<StripeException>(() => Service().CreateAsync(new PaymentIntentCreateOptions
        {
            Amount = 3000, Currency = "usd", PaymentMethod = "pm_card_visa", Confirm = true, ApplicationFeeAmount = 90,
        }));

        Assert.Equal(HttpStatusCode.BadRequest, error.HttpStatusCode);
        Assert.Equal("application_fee_amount", error.StripeError.Param);
        Assert.Empty(_stripe.PaymentIntents);
    }

    [Theory]
    [InlineData("pm_card_chargeDeclined", "card_declined", "generic_decline")]
    [InlineData("tok_chargeDeclined", "card_declined", "generic_decline")]
    [InlineData("pm_card_chargeDeclinedInsufficientFunds", "card_declined", "insufficient_funds")]
    [InlineData("tok_chargeDeclinedInsufficientFunds", "card_declined", "insufficient_funds")]
    [InlineData("pm_card_processingError", "processing_error", null)]
    [InlineData("tok_processingError", "processing_error", null)]
    public async Task Create_WithDecliningCard_ThrowsCardError(string paymentMethod, string code, string? declineCode)
    {
        var error = await Assert.ThrowsAsync<StripeException>(() => Service().CreateAsync(Visa(paymentMethod)));

        Assert.Equal(HttpStatusCode.PaymentRequired, error.HttpStatusCode);
        Assert.Equal("card_error", error.StripeError.Type);
        Assert.Equal(code, error.StripeError.Code);
        Assert.Equal(declineCode, error.StripeError.DeclineCode);
        Assert.StartsWith("ch_", error.StripeError.Charge);
        Assert.Equal("requires_payment_method", error.StripeError.PaymentIntent.Status);
        Assert.Equal(code, error.StripeError.PaymentIntent.LastPaymentError.Code);
        Assert.Equal((0, 1), (_stripe.SucceededCharges, _stripe.DeclinedCharges));
    }

    [Fact]
    public async Task Create_WithUnknownPaymentMethod_IsResourceMissing()
    {
        var error = await Assert.ThrowsAsync<StripeException>(() => Service().CreateAsync(Visa("pm_nope")));

        Assert.Equal(HttpStatusCode.BadRequest, error.HttpStatusCode);
        Assert.Equal(("invalid_request_error", "resource_missing", "payment_method"), (error.StripeError.Type, error.StripeError.Code, error.StripeError.Param));
        Assert.Empty(_stripe.PaymentIntents);
    }

    [Fact]
    public async Task CreateThenConfirm_Succeeds()
    {
        var created = await Service().CreateAsync(new PaymentIntentCreateOptions { Amount = 2000, Currency = "usd", PaymentMethod = "pm_card_visa" });
        Assert.Equal("requires_confirmation", created.Status);

        var confirmed = await Service().ConfirmAsync(created.Id);

        Assert.Equal("succeeded", confirmed.Status);
        Assert.Equal(1, _stripe.SucceededCharges);
        var again = await Assert.ThrowsAsync<StripeException>(() => Service().ConfirmAsync(created.Id));
        Assert.Equal("payment_intent_unexpected_state", again.StripeError.Code);
    }

    [Fact]
    public async Task SameIdempotencyKeyTwice_ReplaysFirstResponse_ChargesOnce()
    {
        var options = new RequestOptions { IdempotencyKey = "attempt-1" };

        var first = await Service().CreateAsync(Visa("pm_card_visa"), options);
        var second = await Service().CreateAsync(Visa("pm_card_visa"), options);

        Assert.Equal(first.Id, second.Id);
        Assert.Equal(first.StripeResponse.Content, second.StripeResponse.Content);
        Assert.Equal("true", second.StripeResponse.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(1, _stripe.SucceededCharges);
        Assert.Equal("attempt-1", Assert.Single(_stripe.PaymentIntents).IdempotencyKey);
    }

    [Fact]
    public async Task SameIdempotencyKeyAfterDecline_ReplaysTheDecline()
    {
        var options = new RequestOptions { IdempotencyKey = "attempt-declined" };

        var first = await Assert.ThrowsAsync<StripeException>(() => Service().CreateAsync(Visa("pm_card_chargeDeclined"), options));
        var second = await Assert.ThrowsAsync<StripeException>(() => Service().CreateAsync(Visa("pm_card_chargeDeclined"), options));

        Assert.Equal(first.StripeError.PaymentIntent.Id, second.StripeError.PaymentIntent.Id);
        Assert.Equal(1, _stripe.DeclinedCharges);
    }

    [Fact]
    public async Task SameIdempotencyKeyDifferentAmount_IsIdempotencyError()
    {
        var options = new RequestOptions { IdempotencyKey = "attempt-2" };
        await Service().CreateAsync(Visa("pm_card_visa", amount: 2500), options);

        var error = await Assert.ThrowsAsync<StripeException>(() => Service().CreateAsync(Visa("pm_card_visa", amount: 2600), options));

        Assert.Equal(HttpStatusCode.BadRequest, error.HttpStatusCode);
        Assert.Equal("idempotency_error", error.StripeError.Type);
        Assert.Equal(1, _stripe.SucceededCharges);
    }

    [Fact]
    public async Task TwentyConcurrentRequestsWithOneKey_ChargeOnce_OthersReplayOrConflict()
    {
        _stripe.Latency = TimeSpan.FromMilliseconds(300);
        var service = Service(maxNetworkRetries: 0);
        var options = new RequestOptions { IdempotencyKey = "attempt-concurrent" };

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 20).Select(async _ =>
        {
            try
            {
                return (Id: (await service.CreateAsync(Visa("pm_card_visa"), options)).Id, Error: (StripeException?)null);
            }
            catch (StripeException e)
            {
                return (Id: (string?)null, Error: e);
            }
        }));

        Assert.Equal(1, _stripe.SucceededCharges);
        Assert.Single(_stripe.PaymentIntents);
        Assert.Single(outcomes.Where(o => o.Id is not null).Select(o => o.Id).Distinct());
        var conflicts = outcomes.Where(o => o.Error is not null).Select(o => o.Error!).ToList();
        Assert.NotEmpty(conflicts);
        Assert.All(conflicts, e =>
        {
            Assert.Equal(HttpStatusCode.Conflict, e.HttpStatusCode);
            Assert.Equal(("idempotency_error", "idempotency_key_in_use"), (e.StripeError.Type, e.StripeError.Code));
        });
    }

    [Fact]
    public async Task TwentyConcurrentRequestsWithOneKey_WithStripeNetRetries_AllGetTheSameIntent()
    {
        _stripe.Latency = TimeSpan.FromMilliseconds(150);
        var service = Service();
        var options = new RequestOptions { IdempotencyKey = "attempt-concurrent-retried" };

        var intents = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => service.CreateAsync(Visa("pm_card_visa"), options)));

        Assert.Single(intents.Select(i => i.Id).Distinct());
        Assert.Equal(1, _stripe.SucceededCharges);
    }

    [Fact]
    public async Task Outage_MakesStripeNetThrow_AndChargesNothing()
    {
        _stripe.Outage = true;

        var error = await Assert.ThrowsAsync<StripeException>(() => Service(maxNetworkRetries: 0).CreateAsync(Visa("pm_card_visa")));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.HttpStatusCode);
        Assert.Equal("api_error", error.StripeError.Type);
        Assert.Empty(_stripe.PaymentIntents);

        _stripe.Outage = false;
        Assert.Equal("succeeded", (await Service(maxNetworkRetries: 0).CreateAsync(Visa("pm_card_visa"))).Status);
    }

    [Fact]
    public async Task ErrorRate_Answers500_AndTheKeyReplaysThe500()
    {
        _stripe.ErrorRate = 1;
        var options = new RequestOptions { IdempotencyKey = "attempt-500" };

        var first = await Assert.ThrowsAsync<StripeException>(() => Service().CreateAsync(Visa("pm_card_visa"), options));
        _stripe.ErrorRate = 0;
        var replayed = await Assert.ThrowsAsync<StripeException>(() => Service().CreateAsync(Visa("pm_card_visa"), options));

        Assert.Equal(HttpStatusCode.InternalServerError, first.HttpStatusCode);
        Assert.Equal("api_error", replayed.StripeError.Type);
        Assert.Equal(2, _stripe.Requests); // Stripe-Should-Retry: false stops Stripe.net from retrying
        Assert.Empty(_stripe.PaymentIntents);
    }

    [Fact]
    public async Task MissingApiKey_Is401WithStripeErrorShape()
    {
        using var http = new HttpClient();
        var response = await http.PostAsync($"{_server.BaseUrl}/v1/payment_intents",
            new FormUrlEncodedContent([KeyValuePair.Create("amount", "1000"), KeyValuePair.Create("currency", "usd")]));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("invalid_request_error", json.RootElement.GetProperty("error").GetProperty("type").GetString());
    }

    [Fact]
    public async Task WrongApiKey_IsStripeException401()
    {
        var error = await Assert.ThrowsAsync<StripeException>(() => Service(apiKey: "sk_live_not_for_the_simulator").CreateAsync(Visa("pm_card_visa")));

        Assert.Equal(HttpStatusCode.Unauthorized, error.HttpStatusCode);
        Assert.Empty(_stripe.PaymentIntents);
    }

    [Fact]
    public async Task Search_ByMetadata_FindsTheAttempt()
    {
        var wanted = await Service().CreateAsync(Visa("pm_card_visa", metadata: new() { ["attempt_id"] = "att_42" }));
        await Service().CreateAsync(Visa("pm_card_visa", metadata: new() { ["attempt_id"] = "att_43" }));

        var found = await Service().SearchAsync(new PaymentIntentSearchOptions { Query = "metadata['attempt_id']:'att_42'" });
        var succeeded = await Service().SearchAsync(new PaymentIntentSearchOptions { Query = "metadata[\"attempt_id\"]:\"att_42\" AND status:'succeeded'" });
        var listed = await Service().ListAsync(new PaymentIntentListOptions { Limit = 1 });

        Assert.Equal(wanted.Id, Assert.Single(found.Data).Id);
        Assert.Equal(wanted.Id, Assert.Single(succeeded.Data).Id);
        Assert.Single(listed.Data);
        Assert.True(listed.HasMore);
    }

    [Fact]
    public async Task Account_IsReadable_UntilDisconnected()
    {
        var accounts = new AccountService(Client());

        var account = await accounts.GetAsync(Barber);
        Assert.True(account.ChargesEnabled);
        Assert.True(account.PayoutsEnabled);

        _stripe.SetAccount(Barber, new StripeAccountSetup(ChargesEnabled: false, PayoutsEnabled: false, DetailsSubmitted: false));
        Assert.False((await accounts.GetAsync(Barber)).ChargesEnabled);

        _stripe.DisconnectAccount(Barber);
        var error = await Assert.ThrowsAsync<StripeException>(() => accounts.GetAsync(Barber));
        Assert.Equal("account_invalid", error.StripeError.Code);
    }

    [Fact]
    public async Task Refund_PartialThenTooMuch()
    {
        var intent = await Service().CreateAsync(Visa("pm_card_visa", amount: 5000));
        var refunds = new RefundService(Client());

        var refund = await refunds.CreateAsync(new RefundCreateOptions { PaymentIntent = intent.Id, Amount = 2000 });
        var error = await Assert.ThrowsAsync<StripeException>(() => refunds.CreateAsync(new RefundCreateOptions { PaymentIntent = intent.Id, Amount = 3001 }));

        Assert.Equal((2000L, "succeeded", intent.LatestChargeId), (refund.Amount, refund.Status, refund.ChargeId));
        Assert.Equal("amount", error.StripeError.Param);
        Assert.Single(_stripe.Refunds);
    }

    private static PaymentIntentCreateOptions Visa(string paymentMethod, long amount = 2500, Dictionary<string, string>? metadata = null) => new()
    {
        Amount = amount,
        Currency = "usd",
        PaymentMethod = paymentMethod,
        AllowedPaymentMethodTypes = ["card"],
        Confirm = true,
        ApplicationFeeAmount = 250,
        TransferData = new PaymentIntentTransferDataOptions { Destination = Barber },
        Metadata = metadata,
    };

    private PaymentIntentService Service(int maxNetworkRetries = 2, string apiKey = ApiKey) => new(Client(maxNetworkRetries, apiKey));

    private StripeClient Client(int maxNetworkRetries = 2, string apiKey = ApiKey) => new(new StripeClientOptions
    {
        ApiKey = apiKey,
        ApiBase = _server.BaseUrl,
        HttpClient = new SystemNetHttpClient(maxNetworkRetries: maxNetworkRetries),
    });
}
