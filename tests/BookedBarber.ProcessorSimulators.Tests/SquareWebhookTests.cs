using System.Security.Cryptography;
using System.Text;
using BookedBarber.Payments.Processors.Square;
using BookedBarber.ProcessorSimulators.Square;

namespace BookedBarber.ProcessorSimulators.Tests;

/// <summary>
/// Webhook subscriptions through our <see cref="SquareClient"/>, and the simulator's signed deliveries of what happens
/// on the seller (payments at the chair, fees, refunds) to a real loopback receiver.
/// </summary>
public sealed class SquareWebhookTests(SimulatorFixture fixture) : IClassFixture<SimulatorFixture>, IAsyncLifetime
{
    private readonly HttpClient _http = new();
    private WebhookReceiver _receiver = null!;

    private SquareSimulator Simulator => fixture.Server.Square;

    private SquareClient Client => new(_http, new SquareClientOptions { BaseAddress = new Uri(fixture.Server.BaseUrl) });

    public async Task InitializeAsync() => _receiver = await WebhookReceiver.StartAsync();

    public async Task DisposeAsync()
    {
        Simulator.DuplicateDeliveries = false;
        Simulator.ReorderDeliveries = false;
        Simulator.DeliveriesPaused = false;
        Simulator.DeliveryDelay = TimeSpan.Zero;
        await Simulator.WaitForDeliveriesAsync();
        await _receiver.DisposeAsync();
        _http.Dispose();
    }

    private static readonly string[] AllEvents = ["payment.created", "payment.updated", "refund.created", "refund.updated"];

    private (string Token, string LocationId, string MerchantId) NewBarber()
    {
        var token = "EAAA" + Guid.NewGuid().ToString("N");
        var locationId = "L" + Guid.NewGuid().ToString("N")[..12].ToUpperInvariant();
        return (token, locationId, Simulator.AddMerchant(token, locationId, "Fade Street Barbers"));
    }

    private Task<SquareWebhookSubscription> SubscribeAsync(string token, params string[] eventTypes) =>
        Client.CreateWebhookSubscriptionAsync(token, new SquareCreateWebhookSubscriptionRequest
        {
            IdempotencyKey = Guid.NewGuid().ToString(),
            Subscription = new SquareWebhookSubscription
            {
                Name = "BookedBarber",
                NotificationUrl = _receiver.Url,
                EventTypes = eventTypes.Length > 0 ? eventTypes : AllEvents,
                ApiVersion = "2025-08-20",
            },
        });

    private List<(string Type, SquareWebhookNotification Notification, ReceivedWebhook Raw)> Received() =>
        _receiver.Received.Select(r => SquareClient.ParseNotification(r.Body) is var n ? (n.Type!, n, r) : default).ToList();

    private static string Hmac256(string key, string text) =>
        Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(text)));

    [Fact]
    public async Task Subscriptions_CreateListDelete_WithSignatureKey()
    {
        var (token, _, _) = NewBarber();

        var created = await SubscribeAsync(token, "payment.created", "payment.updated");

        Assert.StartsWith("wbhk_", created.Id);
        Assert.False(string.IsNullOrEmpty(created.SignatureKey));
        Assert.True(created.Enabled);
        Assert.Equal(["payment.created", "payment.updated"], created.EventTypes);
        Assert.Equal(_receiver.Url, created.NotificationUrl);
        Assert.Equal("2025-08-20", created.ApiVersion);
        var listed = await Client.ListWebhookSubscriptionsAsync(token).ToListAsync();
        var only = Assert.Single(listed);
        Assert.Equal((created.Id, created.SignatureKey, created.NotificationUrl), (only.Id, only.SignatureKey, only.NotificationUrl));
        Assert.Equal(created.EventTypes, only.EventTypes);

        await Client.DeleteWebhookSubscriptionAsync(token, created.Id!);

        Assert.Empty(await Client.ListWebhookSubscriptionsAsync(token).ToListAsync());
        var again = await Assert.ThrowsAsync<SquareApiException>(() => Client.DeleteWebhookSubscriptionAsync(token, created.Id!));
        Assert.Equal(404, again.Status);
        Assert.Equal("NOT_FOUND", again.Code);
    }

    [Theory]
    [InlineData("ftp://example.test/hook", "payment.created", "INVALID_VALUE", "subscription.notification_url")]
    [InlineData("http://example.test/hook", "payment.created", "INVALID_VALUE", "subscription.notification_url")]
    [InlineData("https://example.test/hook", "payment.exploded", "INVALID_VALUE", "subscription.event_types")]
    [InlineData("https://example.test/hook", null, "MISSING_REQUIRED_PARAMETER", "subscription.event_types")]
    public async Task CreateSubscription_WithBadUrlOrEventTypes_Throws400AndCreatesNothing(string url, string? eventType, string code, string field)
    {
        var (token, _, merchant) = NewBarber();

        var error = await Assert.ThrowsAsync<SquareApiException>(() => Client.CreateWebhookSubscriptionAsync(token, new SquareCreateWebhookSubscriptionRequest
        {
            Subscription = new SquareWebhookSubscription { NotificationUrl = url, EventTypes = eventType is null ? null : [eventType] },
        }));

        Assert.Equal(400, error.Status);
        Assert.Equal(code, error.Code);
        Assert.Equal(field, error.Errors[0].Field);
        Assert.DoesNotContain(Simulator.WebhookSubscriptions, s => s.MerchantId == merchant);
    }

    [Fact]
    public async Task PaymentAtTheChair_DeliversCreatedThenUpdated_SignedWithTheSubscriptionKey()
    {
        var (token, location, merchant) = NewBarber();
        var subscription = await SubscribeAsync(token);

        var payment = Simulator.TakeInPersonPayment(location, 4500, "USD", referenceId: "bb-appt-17", note: "Skin fade", entryMethod: "CONTACTLESS");
        await Simulator.WaitForDeliveriesAsync();

        var received = Received();
        Assert.Equal(["payment.created", "payment.updated"], received.Select(r => r.Type));
        Assert.Equal([SquarePaymentStatus.Approved, SquarePaymentStatus.Completed], received.Select(r => r.Notification.Data!.Object!.Payment!.Status));
        foreach (var (_, notification, raw) in received)
        {
            Assert.Equal(_receiver.Url, raw.Url);
            Assert.Equal(Hmac256(subscription.SignatureKey!, raw.Url + raw.Body), raw.Headers["x-square-hmacsha256-signature"]);
            Assert.Equal(
                Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(subscription.SignatureKey!), Encoding.UTF8.GetBytes(raw.Url + raw.Body))),
                raw.Headers["x-square-signature"]);
            Assert.Equal(merchant, notification.MerchantId);
            Assert.Equal("payment", notification.Data!.Type);
            Assert.Equal(payment.Id, notification.Data.Id);
            Assert.False(string.IsNullOrEmpty(notification.EventId));
            Assert.NotNull(notification.CreatedAt);
            var sent = notification.Data.Object!.Payment!;
            Assert.Equal("bb-appt-17", sent.ReferenceId);
            Assert.Equal("Skin fade", sent.Note);
            Assert.Equal("CONTACTLESS", sent.CardDetails!.EntryMethod);
            Assert.Equal(new SquareMoney(4500, "USD"), sent.TotalMoney);
        }

        Assert.NotEqual(received[0].Notification.EventId, received[1].Notification.EventId);
        Assert.All(Simulator.Deliveries.Where(d => d.SubscriptionId == subscription.Id), d => Assert.Equal(200, d.StatusCode));
    }

    [Fact]
    public async Task Deliveries_GoOnlyToSubscriptionsOfTheSellerNamingTheEventType()
    {
        var (token, location, _) = NewBarber();
        var (otherToken, otherLocation, _) = NewBarber();
        await SubscribeAsync(token, "refund.created");
        await SubscribeAsync(otherToken, "payment.created");

        Simulator.TakeInPersonPayment(location, 2500);
        var theirs = Simulator.TakeInPersonPayment(otherLocation, 3500);
        await Simulator.WaitForDeliveriesAsync();

        var only = Assert.Single(Received());
        Assert.Equal("payment.created", only.Type);
        Assert.Equal(theirs.Id, only.Notification.Data!.Id);
    }

    [Fact]
    public async Task DuplicateDeliveries_SendsEachEventTwiceWithTheSameEventId()
    {
        var (token, location, _) = NewBarber();
        await SubscribeAsync(token, "payment.created");
        Simulator.DuplicateDeliveries = true;

        Simulator.TakeInPersonPayment(location, 2500);
        await Simulator.WaitForDeliveriesAsync();

        var received = Received();
        Assert.Equal(2, received.Count);
        Assert.Equal(received[0].Raw.Body, received[1].Raw.Body);
        Assert.Equal(received[0].Notification.EventId, received[1].Notification.EventId);
    }

    [Fact]
    public async Task ReorderDeliveries_SendsTheUpdateBeforeTheCreation()
    {
        var (token, location, _) = NewBarber();
        await SubscribeAsync(token);
        Simulator.ReorderDeliveries = true;

        Simulator.TakeInPersonPayment(location, 2500);
        await Simulator.WaitForDeliveriesAsync();

        Assert.Equal(["payment.updated", "payment.created"], Received().Select(r => r.Type));
    }

    [Fact]
    public async Task DeliveriesPaused_HoldsNotifications_UntilResumed_AndTheApiCallNeverWaits()
    {
        var (token, location, _) = NewBarber();
        await SubscribeAsync(token, "payment.created");
        Simulator.DeliveriesPaused = true;

        var payment = await Client.CreatePaymentAsync(token, new SquareCreatePaymentRequest
        {
            SourceId = SquareSimulator.NonceOk,
            IdempotencyKey = Guid.NewGuid().ToString(),
            AmountMoney = new SquareMoney(4000, "USD"),
            LocationId = location,
            ReferenceId = "bb-appt-3",
        });
        await Task.Delay(200);
        Assert.Empty(_receiver.Received);
        Assert.True(Simulator.PendingDeliveries > 0);

        Simulator.DeliveriesPaused = false;
        await Simulator.WaitForDeliveriesAsync();

        var only = Assert.Single(Received());
        Assert.Equal(payment.Id, only.Notification.Data!.Object!.Payment!.Id);
        Assert.Equal("KEYED", only.Notification.Data.Object.Payment.CardDetails!.EntryMethod);
    }

    [Fact]
    public async Task DeliveryDelay_SendsNoSoonerThanTheDelay()
    {
        var (token, location, _) = NewBarber();
        await SubscribeAsync(token, "payment.created");
        Simulator.DeliveryDelay = TimeSpan.FromMilliseconds(300);
        var started = DateTimeOffset.UtcNow;

        Simulator.TakeInPersonPayment(location, 2500);
        await Simulator.WaitForDeliveriesAsync();

        var delivery = Assert.Single(Simulator.Deliveries, d => d.MerchantId == Simulator.GetMerchant(token).MerchantId);
        Assert.True(delivery.SentAt - started >= TimeSpan.FromMilliseconds(280), $"sent after {(delivery.SentAt - started).TotalMilliseconds} ms");
    }

    [Fact]
    public async Task FailedDelivery_IsRetriedWithBackoff_UntilTheSubscriberAnswers2xx()
    {
        var (token, location, _) = NewBarber();
        var subscription = await SubscribeAsync(token, "payment.created");
        _receiver.AnswerNext(500, 503);

        Simulator.TakeInPersonPayment(location, 2500);
        await Simulator.WaitForDeliveriesAsync();

        var attempts = Simulator.Deliveries.Where(d => d.SubscriptionId == subscription.Id).ToList();
        Assert.Equal([500, 503, 200], attempts.Select(a => a.StatusCode));
        Assert.Equal([1, 2, 3], attempts.Select(a => a.Attempt));
        Assert.Single(attempts.Select(a => a.EventId).Distinct());
        var raw = _receiver.Received.ToList();
        Assert.False(raw[0].Headers.ContainsKey("square-retry-number"));
        Assert.Equal("2", raw[2].Headers["square-retry-number"]);
        Assert.Single(raw.Select(r => r.Body).Distinct());
    }

    [Fact]
    public async Task UnreachableSubscriber_IsTriedMaxAttemptsTimes_WithoutHoldingUpTheOthers()
    {
        var (token, location, _) = NewBarber();
        var dead = await Client.CreateWebhookSubscriptionAsync(token, new SquareCreateWebhookSubscriptionRequest
        {
            Subscription = new SquareWebhookSubscription { NotificationUrl = "http://127.0.0.1:1/webhooks/square", EventTypes = ["payment.created"] },
        });
        var live = await SubscribeAsync(token, "payment.created");
        Simulator.RetryBackoff = TimeSpan.FromMilliseconds(300);
        try
        {
            Simulator.TakeInPersonPayment(location, 2500);
            await WaitForAsync(() => Task.FromResult(_receiver.Received.Count), n => n > 0);
            Assert.True(Simulator.PendingDeliveries > 0, "the unreachable subscriber's retries are still pending");
            await Simulator.WaitForDeliveriesAsync();

            var attempts = Simulator.Deliveries.Where(d => d.SubscriptionId == dead.Id).ToList();
            Assert.Equal([1, 2, 3, 4], attempts.Select(a => a.Attempt));
            Assert.All(attempts, a => Assert.Null(a.StatusCode));
            Assert.Equal(200, Assert.Single(Simulator.Deliveries, d => d.SubscriptionId == live.Id).StatusCode);
        }
        finally
        {
            Simulator.RetryBackoff = TimeSpan.FromMilliseconds(100);
        }
    }

    [Fact]
    public async Task Fees_SettledAndAdjustedLater_ArriveAsPaymentUpdated()
    {
        var (token, location, _) = NewBarber();
        await SubscribeAsync(token, "payment.updated");
        var payment = Simulator.TakeInPersonPayment(location, 10_000);
        await Simulator.WaitForDeliveriesAsync();

        Simulator.SettleFees(payment.Id);
        Simulator.AdjustFee(payment.Id, -20);
        await Simulator.WaitForDeliveriesAsync();

        var fees = Received().Select(r => r.Notification.Data!.Object!.Payment!.ProcessingFee?.Select(f => (f.Type, f.AmountMoney!.Amount)).ToList()).ToList();
        Assert.Equal(3, fees.Count);
        Assert.Null(fees[0]);
        Assert.Equal([("INITIAL", 270L)], fees[1]);
        Assert.Equal([("INITIAL", 270L), ("ADJUSTMENT", -20L)], fees[2]);
    }

    [Fact]
    public async Task Refund_IsPendingThenCompleted_UpdatesThePayment_AndSendsRefundAndPaymentEvents()
    {
        var (token, location, _) = NewBarber();
        await SubscribeAsync(token);
        var payment = Simulator.TakeInPersonPayment(location, 6000, referenceId: "bb-appt-9");
        await Simulator.WaitForDeliveriesAsync();
        _receiver.Received.Clear();
        var request = new SquareRefundPaymentRequest
        {
            IdempotencyKey = Guid.NewGuid().ToString(),
            PaymentId = payment.Id,
            AmountMoney = new SquareMoney(2500, "USD"),
            Reason = "Uneven fade",
        };

        var refund = await Client.CreateRefundAsync(token, request);
        await Simulator.WaitForDeliveriesAsync();
        await Simulator.WaitForDeliveriesAsync(); // completion is scheduled right after the answer

        Assert.Equal(SquareRefundStatus.Pending, refund.Status);
        Assert.Equal(payment.Id, refund.PaymentId);
        Assert.Equal(new SquareMoney(2500, "USD"), refund.AmountMoney);
        Assert.Equal("Uneven fade", refund.Reason);
        Assert.Equal(refund, await Client.CreateRefundAsync(token, request));
        var completed = await WaitForAsync(() => Client.GetRefundAsync(token, refund.Id), r => r.Status == SquareRefundStatus.Completed);
        await Simulator.WaitForDeliveriesAsync();
        var refreshed = await Client.GetPaymentAsync(token, payment.Id);
        Assert.Equal(new SquareMoney(2500, "USD"), refreshed.RefundedMoney);
        Assert.Equal([refund.Id], refreshed.RefundIds);
        Assert.Equal(completed with { UpdatedAt = null }, (await Client.ListRefundsAsync(token).SingleAsync(r => r.PaymentId == payment.Id)) with { UpdatedAt = null });

        var received = Received();
        Assert.Equal(["refund.created", "payment.updated", "refund.updated", "payment.updated"], received.Select(r => r.Type));
        Assert.Equal(SquareRefundStatus.Pending, received[0].Notification.Data!.Object!.Refund!.Status);
        Assert.Equal("refund", received[0].Notification.Data!.Type);
        Assert.Equal(SquareRefundStatus.Completed, received[2].Notification.Data!.Object!.Refund!.Status);
        Assert.Null(received[1].Notification.Data!.Object!.Payment!.RefundedMoney);
        Assert.Equal([refund.Id], received[1].Notification.Data!.Object!.Payment!.RefundIds);
        Assert.Equal(new SquareMoney(2500, "USD"), received[3].Notification.Data!.Object!.Payment!.RefundedMoney);
    }

    [Fact]
    public async Task Refund_OverTheRemainingAmount_ReusedKey_OrUnknownPayment_IsRefused()
    {
        var (token, location, _) = NewBarber();
        var payment = Simulator.TakeInPersonPayment(location, 3000);
        var key = Guid.NewGuid().ToString();
        await Client.CreateRefundAsync(token, new SquareRefundPaymentRequest { IdempotencyKey = key, PaymentId = payment.Id, AmountMoney = new SquareMoney(2000, "USD") });

        var over = await Assert.ThrowsAsync<SquareApiException>(() => Client.CreateRefundAsync(token, new SquareRefundPaymentRequest
        {
            IdempotencyKey = Guid.NewGuid().ToString(), PaymentId = payment.Id, AmountMoney = new SquareMoney(1001, "USD"),
        }));
        var reused = await Assert.ThrowsAsync<SquareApiException>(() => Client.CreateRefundAsync(token, new SquareRefundPaymentRequest
        {
            IdempotencyKey = key, PaymentId = payment.Id, AmountMoney = new SquareMoney(500, "USD"),
        }));
        var unknown = await Assert.ThrowsAsync<SquareApiException>(() => Client.CreateRefundAsync(token, new SquareRefundPaymentRequest
        {
            IdempotencyKey = Guid.NewGuid().ToString(), PaymentId = "nosuchpayment", AmountMoney = new SquareMoney(500, "USD"),
        }));

        Assert.Equal((400, "REFUND_AMOUNT_INVALID"), (over.Status, over.Code));
        Assert.Equal((400, "IDEMPOTENCY_KEY_REUSED"), (reused.Status, reused.Code));
        Assert.Equal((404, "NOT_FOUND"), (unknown.Status, unknown.Code));
        Assert.Single(Simulator.Refunds, r => r.PaymentId == payment.Id);
    }

    [Fact]
    public async Task FeeDelay_AssessesTheFeeOnItsOwn_AndSendsPaymentUpdated()
    {
        var (token, location, _) = NewBarber();
        await SubscribeAsync(token, "payment.updated");
        Simulator.FeeDelay = TimeSpan.FromMilliseconds(100);
        try
        {
            var payment = Simulator.TakeInPersonPayment(location, 4500);

            var count = await WaitForAsync(() => Task.FromResult(_receiver.Received.Count), n => n >= 2);
            await Simulator.WaitForDeliveriesAsync();

            Assert.Equal(2, count);
            var last = Received()[^1].Notification.Data!.Object!.Payment!;
            Assert.Equal(payment.Id, last.Id);
            Assert.Equal(new SquareMoney(127, "USD"), last.TotalProcessingFee);
        }
        finally
        {
            Simulator.FeeDelay = null;
        }
    }

    [Fact]
    public async Task ListRefunds_PagesByCursor_AndFiltersByStatusAndLocation()
    {
        var (token, location, _) = NewBarber();
        Simulator.RefundCompletionDelay = null;
        try
        {
            var refunds = new List<string>();
            for (var i = 0; i < 5; i++)
            {
                var payment = Simulator.TakeInPersonPayment(location, 1000 + i);
                refunds.Add(Simulator.RefundPayment(payment.Id, 500).Id);
            }

            Simulator.CompleteRefund(refunds[0]);
            var pages = await Client.ListRefundsAsync(token, new SquareListRefundsOptions { SortOrder = "ASC", Limit = 2 }).AsPages().ToListAsync();
            var pending = await Client.ListRefundsAsync(token, new SquareListRefundsOptions { Status = SquareRefundStatus.Pending, LocationId = location }).ToListAsync();
            var unknown = await Assert.ThrowsAsync<SquareApiException>(async () => await Client.ListRefundsAsync(token, new SquareListRefundsOptions { LocationId = "LNOSUCH" }).ToListAsync());

            Assert.Equal([2, 2, 1], pages.Select(p => p.Values.Count));
            Assert.Equal(refunds, pages.SelectMany(p => p.Values).Select(r => r.Id));
            Assert.Equal(refunds.Skip(1).Reverse(), pending.Select(r => r.Id));
            Assert.Equal(404, unknown.Status);
        }
        finally
        {
            Simulator.RefundCompletionDelay = TimeSpan.Zero;
        }
    }

    // Up to 10 s: deliveries run in the background, and CI shares two cores with the other suites.
    private static async Task<T> WaitForAsync<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        for (var i = 0; ; i++)
        {
            var value = await read();
            if (done(value) || i == 500)
            {
                return value;
            }

            await Task.Delay(20);
        }
    }
}
