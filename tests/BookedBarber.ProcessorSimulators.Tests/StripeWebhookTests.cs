using System.Net;
using BookedBarber.ProcessorSimulators.Stripe;
using Stripe;

namespace BookedBarber.ProcessorSimulators.Tests;

/// <summary>Webhook endpoints and events: registered and verified with the real Stripe.net client over HTTP.</summary>
public sealed class StripeWebhookTests : IClassFixture<SimulatorFixture>, IAsyncLifetime
{
    private readonly SimulatorServer _server;
    private readonly StripeSimulator _stripe;
    private WebhookReceiver _receiver = null!;

    public StripeWebhookTests(SimulatorFixture fixture)
    {
        _server = fixture.Server;
        _stripe = fixture.Server.Stripe;
        _stripe.Reset();
    }

    public async Task InitializeAsync() => _receiver = await WebhookReceiver.StartAsync();

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    [Fact]
    public void ApiVersion_IsTheOneStripeNetPins() => Assert.Equal(StripeSimulator.ApiVersion, StripeConfiguration.ApiVersion);

    [Fact]
    public async Task Endpoint_IsCreatedWithASecret_ListedAndDeleted()
    {
        var shop = _stripe.CreateStandaloneAccount();
        var endpoints = new WebhookEndpointService(Client(shop.SecretKey));

        var created = await endpoints.CreateAsync(new WebhookEndpointCreateOptions
        {
            Url = _receiver.Url, EnabledEvents = ["payment_intent.succeeded", "charge.refunded"],
        });

        Assert.StartsWith("we_", created.Id);
        Assert.StartsWith("whsec_", created.Secret);
        Assert.Equal((StripeConfiguration.ApiVersion, "enabled"), (created.ApiVersion, created.Status));
        var listed = Assert.Single((await endpoints.ListAsync()).Data);
        Assert.Equal((created.Id, null), (listed.Id, listed.Secret)); // the secret is shown once
        Assert.Empty((await new WebhookEndpointService(Client(StripeSimulator.PlatformKey)).ListAsync()).Data);

        var deleted = await endpoints.DeleteAsync(created.Id);
        Assert.True(deleted.Deleted);
        Assert.Empty((await endpoints.ListAsync()).Data);
        var again = await Assert.ThrowsAsync<StripeException>(() => endpoints.DeleteAsync(created.Id));
        Assert.Equal((HttpStatusCode.NotFound, "resource_missing"), (again.HttpStatusCode, again.StripeError.Code));
    }

    [Theory]
    [InlineData(null, "payment_intent.succeeded", "url")]
    [InlineData("not a url", "payment_intent.succeeded", "url")]
    [InlineData("http://127.0.0.1/x", "payment_intent.exploded", "enabled_events[0]")]
    public async Task Endpoint_WithBadInput_Is400AndNotCreated(string? url, string eventType, string param)
    {
        var error = await Assert.ThrowsAsync<StripeException>(() => new WebhookEndpointService(Client(StripeSimulator.PlatformKey))
            .CreateAsync(new WebhookEndpointCreateOptions { Url = url, EnabledEvents = [eventType] }));

        Assert.Equal((HttpStatusCode.BadRequest, param), (error.HttpStatusCode, error.StripeError.Param));
        Assert.Empty(_stripe.WebhookEndpoints);
    }

    [Fact]
    public async Task Payment_IsDeliveredSigned_AndStripeNetConstructsTheEvent()
    {
        var shop = _stripe.CreateStandaloneAccount();
        var endpoint = await Endpoint(shop.SecretKey, "payment_intent.succeeded", "charge.succeeded");

        var chair = _stripe.TakeInPersonPayment(shop.SecretKey, 4200, metadata: new Dictionary<string, string> { ["appointment_id"] = "bb-appt-9" });
        var deliveries = await _stripe.WaitForWebhookDeliveriesAsync();

        Assert.Equal(["charge.succeeded", "payment_intent.succeeded"], deliveries.Select(d => d.EventType));
        Assert.All(deliveries, d => Assert.Equal((200, 1), (d.StatusCode, d.Attempt)));
        var received = _receiver.Received.ToList();
        Assert.Equal(2, received.Count);
        var events = received.Select(r => EventUtility.ConstructEvent(r.Body, r.Headers["stripe-signature"], endpoint.Secret)).ToList();
        var succeeded = Assert.IsType<PaymentIntent>(events[1].Data.Object);
        Assert.Equal((chair.Id, 4200L, "bb-appt-9"), (succeeded.Id, succeeded.Amount, succeeded.Metadata["appointment_id"]));
        Assert.Equal(chair.LatestCharge, Assert.IsType<Charge>(events[0].Data.Object).Id);

        // A forged signature or another endpoint's secret does not verify.
        Assert.Throws<StripeException>(() => EventUtility.ConstructEvent(received[0].Body, received[0].Headers["stripe-signature"], "whsec_other"));
        var fetched = await new EventService(Client(shop.SecretKey)).GetAsync(events[1].Id);
        Assert.Equal("payment_intent.succeeded", fetched.Type);
    }

    [Fact]
    public async Task EveryChange_MakesAnEvent_OnlyWantedOnesAreDelivered()
    {
        var shop = _stripe.CreateStandaloneAccount();
        var endpoint = await Endpoint(shop.SecretKey, "*");
        var picky = await Endpoint(shop.SecretKey, "charge.refunded");

        var intents = new PaymentIntentService(Client(shop.SecretKey));
        var paid = await intents.CreateAsync(new PaymentIntentCreateOptions { Amount = 5000, Currency = "usd", PaymentMethod = "pm_card_visa", Confirm = true });
        await Assert.ThrowsAsync<StripeException>(() => intents.CreateAsync(new PaymentIntentCreateOptions
        {
            Amount = 5000, Currency = "usd", PaymentMethod = "pm_card_chargeDeclined", Confirm = true,
        }));
        await new RefundService(Client(shop.SecretKey)).CreateAsync(new RefundCreateOptions { PaymentIntent = paid.Id, Amount = 1000 });
        _stripe.Dispute(paid.Id, "product_not_received");
        _stripe.DisableCharges(shop.Id);
        var deliveries = await _stripe.WaitForWebhookDeliveriesAsync();

        string[] expected =
        [
            "charge.succeeded", "payment_intent.succeeded", "charge.failed", "payment_intent.payment_failed",
            "refund.created", "charge.refunded", "charge.dispute.created", "account.updated",
        ];
        Assert.Equal(expected, _stripe.Events.Select(e => e.Type));
        Assert.Equal(expected, deliveries.Where(d => d.EndpointId == endpoint.Id).Select(d => d.EventType));
        Assert.Equal(["charge.refunded"], deliveries.Where(d => d.EndpointId == picky.Id).Select(d => d.EventType));
        var verified = deliveries.Where(d => d.EndpointId == endpoint.Id)
            .Select(d => EventUtility.ConstructEvent(d.Payload, d.SignatureHeader, endpoint.Secret)).ToDictionary(e => e.Type);
        var refunded = verified["charge.refunded"];
        Assert.Equal((1000L, 0L), (((Charge)refunded.Data.Object).AmountRefunded, (long)refunded.Data.PreviousAttributes.amount_refunded));
        Assert.False(((Account)verified["account.updated"].Data.Object).ChargesEnabled);
        var dispute = (Dispute)verified["charge.dispute.created"].Data.Object;
        Assert.Equal(("product_not_received", paid.LatestChargeId), (dispute.Reason, dispute.ChargeId));
        Assert.Equal("card_declined", ((PaymentIntent)verified["payment_intent.payment_failed"].Data.Object).LastPaymentError.Code);
        var listed = await new EventService(Client(shop.SecretKey)).ListAsync(new EventListOptions { Type = "charge.refunded" });
        Assert.Single(listed.Data);
    }

    [Fact]
    public async Task PlatformEndpoint_GetsCentralizedRefundsAndDisputes_AndConnectEventsWhenAsked()
    {
        var platform = await Endpoint(StripeSimulator.PlatformKey, "charge.refunded", "charge.dispute.created", "account.updated");
        var connect = await new WebhookEndpointService(Client(StripeSimulator.PlatformKey)).CreateAsync(new WebhookEndpointCreateOptions
        {
            Url = _receiver.Url + "?connect", EnabledEvents = ["account.updated"], Connect = true,
        });
        var intent = await new PaymentIntentService(Client(StripeSimulator.PlatformKey)).CreateAsync(new PaymentIntentCreateOptions
        {
            Amount = 6000, Currency = "usd", PaymentMethod = "pm_card_visa", Confirm = true, ApplicationFeeAmount = 600,
            TransferData = new PaymentIntentTransferDataOptions { Destination = "acct_1ConnectBarber" },
        });

        _stripe.Refund(intent.Id, 6000);
        _stripe.Dispute(intent.Id);
        _stripe.DisableCharges("acct_1ConnectBarber");
        var deliveries = await _stripe.WaitForWebhookDeliveriesAsync();

        Assert.Equal(["charge.refunded", "charge.dispute.created"], deliveries.Where(d => d.EndpointId == platform.Id).Select(d => d.EventType));
        var connected = Assert.Single(deliveries, d => d.EndpointId == connect.Id);
        var evt = EventUtility.ConstructEvent(connected.Payload, connected.SignatureHeader, connect.Secret);
        Assert.Equal(("account.updated", "acct_1ConnectBarber"), (evt.Type, evt.Account));
    }

    [Fact]
    public async Task NonSuccessAnswers_AreRetried_UntilAccepted()
    {
        _stripe.DeliveryRetryBackoff = TimeSpan.FromMilliseconds(20);
        _receiver.AnswerNext(500, 500);
        var shop = _stripe.CreateStandaloneAccount();
        await Endpoint(shop.SecretKey, "payment_intent.succeeded");

        _stripe.TakeInPersonPayment(shop.SecretKey, 2500);
        var deliveries = await _stripe.WaitForWebhookDeliveriesAsync();

        Assert.Equal([(1, 500), (2, 500), (3, 200)], deliveries.Select(d => (d.Attempt, d.StatusCode ?? 0)));
        Assert.Single(deliveries.Select(d => d.EventId).Distinct());
    }

    [Fact]
    public async Task UnreachableEndpoint_GivesUpAfterMaxAttempts()
    {
        _stripe.DeliveryRetryBackoff = TimeSpan.FromMilliseconds(10);
        _stripe.MaxDeliveryAttempts = 2;
        var shop = _stripe.CreateStandaloneAccount();
        await new WebhookEndpointService(Client(shop.SecretKey)).CreateAsync(new WebhookEndpointCreateOptions
        {
            Url = "http://127.0.0.1:9/nothing-listens-here", EnabledEvents = ["*"],
        });

        _stripe.TakeInPersonPayment(shop.SecretKey, 2500);
        var deliveries = await _stripe.WaitForWebhookDeliveriesAsync();

        Assert.Equal(4, deliveries.Count); // two events, two attempts each
        Assert.All(deliveries, d => Assert.Null(d.StatusCode));
        Assert.All(deliveries, d => Assert.NotNull(d.Error));
    }

    [Fact]
    public async Task Switches_Pause_Duplicate_Reorder_Delay()
    {
        var shop = _stripe.CreateStandaloneAccount();
        var endpoint = await Endpoint(shop.SecretKey, "*");
        _stripe.DeliveriesPaused = true;
        _stripe.DuplicateDeliveries = true;

        var chair = _stripe.TakeInPersonPayment(shop.SecretKey, 2500);
        await Task.Delay(100);
        Assert.Empty(_receiver.Received);
        await Assert.ThrowsAsync<TimeoutException>(() => _stripe.WaitForWebhookDeliveriesAsync(TimeSpan.FromMilliseconds(50)));

        _stripe.ReorderDeliveries = true;
        _stripe.DeliveriesPaused = false;
        var deliveries = await _stripe.WaitForWebhookDeliveriesAsync();

        Assert.Equal(["payment_intent.succeeded", "payment_intent.succeeded", "charge.succeeded", "charge.succeeded"], deliveries.Select(d => d.EventType));
        Assert.Equal(2, deliveries.Select(d => d.EventId).Distinct().Count());
        Assert.All(_receiver.Received, r => EventUtility.ConstructEvent(r.Body, r.Headers["stripe-signature"], endpoint.Secret));

        _stripe.DuplicateDeliveries = false;
        _stripe.ReorderDeliveries = false;
        _stripe.DeliveryDelay = TimeSpan.FromMilliseconds(300);
        var before = DateTimeOffset.UtcNow;
        _stripe.Refund(chair.Id);
        var delayed = (await _stripe.WaitForWebhookDeliveriesAsync()).Skip(4).ToList();
        Assert.Equal(["refund.created", "charge.refunded"], delayed.Select(d => d.EventType));
        Assert.True(delayed[0].SentAt - before >= TimeSpan.FromMilliseconds(250), $"sent after {delayed[0].SentAt - before}");
    }

    [Fact]
    public async Task ApiVersionMismatch_IsWhatStripeNetRefuses_UnlessTheEndpointMatches()
    {
        var shop = _stripe.CreateStandaloneAccount();
        var old = await new WebhookEndpointService(Client(shop.SecretKey)).CreateAsync(new WebhookEndpointCreateOptions
        {
            Url = _receiver.Url, EnabledEvents = ["payment_intent.succeeded"], ApiVersion = "2024-06-20",
        });

        _stripe.TakeInPersonPayment(shop.SecretKey, 2500);
        var delivery = Assert.Single(await _stripe.WaitForWebhookDeliveriesAsync());

        Assert.Throws<StripeException>(() => EventUtility.ConstructEvent(delivery.Payload, delivery.SignatureHeader, old.Secret));
        Assert.Equal("payment_intent.succeeded",
            EventUtility.ConstructEvent(delivery.Payload, delivery.SignatureHeader, old.Secret, throwOnApiVersionMismatch: false).Type);
    }

    [Fact]
    public void StaleSignature_IsRefusedByStripeNet()
    {
        const string secret = "whsec_test_secret";
        var shop = _stripe.CreateStandaloneAccount();
        var chair = _stripe.TakeInPersonPayment(shop.SecretKey, 2500);
        var payload = _stripe.EventPayload(_stripe.Events[^1].Id);

        var fresh = StripeSimulator.ComputeSignature(secret, payload, DateTimeOffset.UtcNow);
        var stale = StripeSimulator.ComputeSignature(secret, payload, DateTimeOffset.UtcNow.AddMinutes(-6));

        Assert.Equal(chair.Id, ((PaymentIntent)EventUtility.ConstructEvent(payload, fresh, secret).Data.Object).Id);
        Assert.Throws<StripeException>(() => EventUtility.ConstructEvent(payload, stale, secret));
    }

    private async Task<WebhookEndpoint> Endpoint(string key, params string[] events) =>
        await new WebhookEndpointService(Client(key)).CreateAsync(new WebhookEndpointCreateOptions { Url = _receiver.Url, EnabledEvents = [.. events] });

    private StripeClient Client(string apiKey) => new(new StripeClientOptions
    {
        ApiKey = apiKey,
        ApiBase = _server.BaseUrl,
        HttpClient = new SystemNetHttpClient(maxNetworkRetries: 0),
    });
}
