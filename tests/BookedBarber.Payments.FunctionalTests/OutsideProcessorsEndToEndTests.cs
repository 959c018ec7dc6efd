using System.Text.Json;
using BookedBarber.DevHost;
using BookedBarber.Payments.Configuration;
using BookedBarber.Payments.ExternalTransactions;
using BookedBarber.Payments.Webhooks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace BookedBarber.Payments.FunctionalTests;

/// <summary>
/// The whole chain in the dev host, with the queue pump on: a barber connects their Square (or own Stripe) through the
/// API, a payment is taken at the simulator, the simulator's signed webhook reaches our endpoint, the webhook-events and
/// transaction-sync queues run, and the transactions list shows it. Each test has a host of its own.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class OutsideProcessorsEndToEndTests(AzuriteFixture azurite)
{
    private static readonly QueueHostSettings FastQueues = new(BatchSize: 8, NewBatchThreshold: 4, MaxPollingInterval: TimeSpan.FromMilliseconds(200),
        VisibilityTimeout: TimeSpan.FromMilliseconds(200), MaxDequeueCount: 5);

    private Task<ApiHost> Host() => ApiHost.StartAsync(azurite, background: true, queues: FastQueues);

    /// <summary>Polls until <paramref name="probe"/> answers (the queues run in the background).</summary>
    private static async Task<T> Eventually<T>(Func<Task<T?>> probe, string what, TimeSpan? within = null) where T : struct
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(20));
        while (DateTime.UtcNow < deadline)
        {
            if (await probe() is { } value) return value;
            await Task.Delay(100);
        }
        throw new TimeoutException($"Never saw {what}.");
    }

    /// <summary>A Square seller at the simulator, connected by barber <paramref name="barberId"/> through the API.</summary>
    private static async Task<(int Id, string Location)> ConnectSquare(ApiHost host, int barberId)
    {
        var token = $"EAAA-e2e-{Guid.NewGuid():N}";
        var location = $"L-E2E-{Guid.NewGuid().ToString("N")[..8].ToUpperInvariant()}";
        host.Simulators.Square.AddMerchant(token, location, "Corner Chair");
        var body = JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["processor_type"] = "square",
            ["account_id"] = location,
            ["account_name"] = "Corner Chair",
            ["connection_config"] = new Dictionary<string, object?> { ["access_token"] = token, ["location_id"] = location, ["environment"] = "sandbox" },
        });
        var created = await ApiAssert.Json(await host.SendAsync(HttpMethod.Post, "external-payments/connections", host.BarberToken(barberId), body), 201);
        Assert.True(created.GetProperty("validation_result").GetProperty("webhook_configured").GetBoolean());
        var id = created.GetProperty("id").GetInt32();
        await FirstSyncDone(host, barberId, id);
        return (id, location);
    }

    /// <summary>The first sync queued by the connection has run: what arrives after it can only come by webhook.</summary>
    private static Task FirstSyncDone(ApiHost host, int barberId, int connectionId) =>
        Eventually<bool>(async () => (await Connection(host, barberId, connectionId)).GetProperty("last_sync_at").ValueKind == JsonValueKind.String ? true : null,
            "the connection's first sync");

    private static async Task<JsonElement[]> Transactions(ApiHost host, int barberId, int connectionId) =>
        (await ApiAssert.Json(await host.GetAsync($"external-payments/transactions?connection_id={connectionId}", host.BarberToken(barberId)), 200))
            .GetProperty("transactions").EnumerateArray().ToArray();

    /// <summary>The barber's only transaction on the connection once <paramref name="until"/> holds for it.</summary>
    private static Task<JsonElement> TransactionWhen(ApiHost host, int barberId, int connectionId, Func<JsonElement, bool> until, string what) =>
        Eventually<JsonElement>(async () => await Transactions(host, barberId, connectionId) is [var only] && until(only) ? only : null, what);

    private static async Task<JsonElement> Connection(ApiHost host, int barberId, int connectionId) =>
        await ApiAssert.Json(await host.GetAsync($"external-payments/connections/{connectionId}", host.BarberToken(barberId)), 200);

    [Fact]
    public async Task AChairPaymentOnANewSquareConnection_IsMatched_ThenGetsItsFee_ThenIsRefunded_AllThroughSignedWebhooks()
    {
        await using var host = await Host();
        var square = host.Simulators.Square;
        var (connectionId, location) = await ConnectSquare(host, 2);
        var appointment = await host.NewAppointmentAsync(2, 45.00m);

        var payment = square.TakeInPersonPayment(location, 4500, referenceId: AppointmentReference.Format(appointment));

        var seen = await TransactionWhen(host, 2, connectionId, t => t.GetProperty("status").GetString() == "completed", "the chair payment");
        Assert.Equal(payment.Id, seen.GetProperty("external_transaction_id").GetString());
        Assert.Equal(("matched", appointment), (seen.GetProperty("reconciliation_status").GetString(), seen.GetProperty("appointment_id").GetInt32()));
        Assert.Equal("45.00", seen.GetProperty("amount").GetRawText());
        var connection = await Connection(host, 2, connectionId);
        Assert.Equal((1, "45.00"), (connection.GetProperty("total_transactions").GetInt32(), connection.GetProperty("total_volume").GetRawText()));
        Assert.Equal(payment.CreatedAt, connection.GetProperty("last_transaction_at").GetDateTimeOffset(), TimeSpan.FromMilliseconds(1));
        Assert.Contains(square.Deliveries, d => d.EventType == "payment.updated" && d.Succeeded && d.NotificationUrl.EndsWith($"/webhooks/square/{connectionId}", StringComparison.Ordinal));

        square.SettleFees(payment.Id);
        var fee = await TransactionWhen(host, 2, connectionId, t => t.GetProperty("processor_fees").ValueKind == JsonValueKind.Number, "the settled fee");
        Assert.Equal($"{square.ComputeFee(4500) / 100m:0.00}", fee.GetProperty("processor_fees").GetRawText());

        square.RefundPayment(payment.Id, 1500);
        var refunded = await TransactionWhen(host, 2, connectionId, t => t.GetProperty("status").GetString() == "refunded", "the refund");
        Assert.Equal(("45.00", "matched"), (refunded.GetProperty("amount").GetRawText(), refunded.GetProperty("reconciliation_status").GetString()));
        var stored = await host.Services.GetRequiredService<ExternalTransactionStore>().GetAsync(refunded.GetProperty("id").GetInt32(), default);
        Assert.Equal(1500, stored!.RefundedAmount?.Minor);
        // What the barber kept: the connection's volume follows the refund.
        var after = await Eventually<JsonElement>(async () => await Connection(host, 2, connectionId) is var c && c.GetProperty("total_volume").GetRawText() == "30.00" ? c : null,
            "the volume net of the refund");
        Assert.Equal(1, after.GetProperty("total_transactions").GetInt32());
    }

    [Fact]
    public async Task DuplicatedAndReorderedWebhooks_LeaveOneRecord_InItsFinalState_AndTheStatusNeverMovesBack()
    {
        await using var host = await Host();
        var square = host.Simulators.Square;
        var (connectionId, location) = await ConnectSquare(host, 2);
        square.DuplicateDeliveries = true;
        square.ReorderDeliveries = true;

        var payment = square.TakeInPersonPayment(location, 6000, tipMinor: 1000, entryMethod: "CONTACTLESS");
        square.SettleFees(payment.Id);
        square.RefundPayment(payment.Id, 2000);
        square.ReorderDeliveries = false; // what is still held goes out, newest first

        var statuses = new List<string>();
        var final = await TransactionWhen(host, 2, connectionId, t =>
        {
            statuses.Add(t.GetProperty("status").GetString()!);
            return statuses[^1] == "refunded" && t.GetProperty("processor_fees").ValueKind == JsonValueKind.Number;
        }, "the refunded payment with its fee");
        await square.WaitForDeliveriesAsync(TimeSpan.FromSeconds(10));
        await QueuesIdle(host);

        var only = Assert.Single(await Transactions(host, 2, connectionId));
        Assert.Equal((payment.Id, "refunded", "70.00"), (only.GetProperty("external_transaction_id").GetString(), only.GetProperty("status").GetString(), only.GetProperty("amount").GetRawText()));
        Assert.Equal(final.GetProperty("processor_fees").GetRawText(), only.GetProperty("processor_fees").GetRawText());
        Assert.All(statuses.SkipWhile(s => s != "refunded"), s => Assert.Equal("refunded", s));
        // Every event was delivered twice; each is recorded once.
        var delivered = square.Deliveries.Where(d => d.NotificationUrl.EndsWith($"/square/{connectionId}", StringComparison.Ordinal)).ToList();
        Assert.True(delivered.Count >= 2 * delivered.Select(d => d.EventId).Distinct().Count());
        var recorded = await host.Services.GetRequiredService<WebhookEventLog>().ListIdsAsync("square", connectionId, default);
        Assert.Equal(delivered.Select(d => d.EventId).Distinct().Order(), recorded.Order());
        var connection = await Connection(host, 2, connectionId);
        Assert.Equal((1, "50.00"), (connection.GetProperty("total_transactions").GetInt32(), connection.GetProperty("total_volume").GetRawText()));
    }

    [Fact]
    public async Task APaymentThroughOurOwnProcess_SeenAgainByTheWebhookAndAManualSync_IsOneRecord()
    {
        await using var host = await Host();
        var square = host.Simulators.Square;
        var demo = (await DemoSquareConnection.FindAsync(host.Services, default))!;
        var appointment = await host.NewAppointmentAsync(1, 55.00m);

        var paid = await ApiAssert.Json(await host.ProcessAsync(1, Payments.Body(appointment, "cnon:card-nonce-ok", amount: 55.00m)), 200);
        Assert.Equal(("external", "square"), (paid.GetProperty("routing_decision").GetString(), paid.GetProperty("external_processor").GetString()));
        var atSquare = Assert.Single(square.Payments, p => p.LocationId == DemoWorld.Barber1SquareLocation && p.Amount == 5500);

        // Square tells our webhook about it (the demo connection is subscribed), then the barber asks for a sync.
        await Eventually<bool>(async () => square.Deliveries.Any(d => d.Succeeded && d.Body.Contains(atSquare.Id, StringComparison.Ordinal)) ? true : null,
            "the webhook delivery");
        await ApiAssert.Json(await host.SendAsync(HttpMethod.Post, $"external-payments/connections/{demo.Id}/sync", host.BarberToken(1), "{}"), 200);
        await QueuesIdle(host);

        var records = (await Transactions(host, 1, demo.Id)).Where(t => t.GetProperty("external_transaction_id").GetString() == atSquare.Id).ToList();
        var only = Assert.Single(records);
        Assert.Equal(("completed", "matched", appointment), (only.GetProperty("status").GetString(), only.GetProperty("reconciliation_status").GetString(),
            only.GetProperty("appointment_id").GetInt32()));
    }

    [Fact]
    public async Task DevShSimulateSquarePayment_ForADemoAppointment_EndsAsAMatchedTransactionInTheApi()
    {
        await using var host = await Host();
        var environment = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [SettingNames.AuthSigningKey] = ApiHost.SigningKey }).Build();
        var options = new DevHostOptions { DataDirectory = Path.Combine(Path.GetTempPath(), "bookedbarber-tests", host.Prefix) };
        var output = new StringWriter();

        Assert.Equal(0, await SimulateCommand.RunAsync(["square-payment", "--barber", "1", "--amount", "60.00", "--appointment", "7"], options, environment, output));

        var paymentId = output.ToString().TrimEnd().Split('\n')[^1].Trim();
        var demo = (await DemoSquareConnection.FindAsync(host.Services, default))!;
        var seen = await Eventually<JsonElement>(async () => (await Transactions(host, 1, demo.Id))
            .FirstOrDefault(t => t.GetProperty("external_transaction_id").GetString() == paymentId) is { ValueKind: JsonValueKind.Object } t ? t : null, "the simulated payment");
        Assert.Equal(("completed", "matched", 7, "60.00"), (seen.GetProperty("status").GetString(), seen.GetProperty("reconciliation_status").GetString(),
            seen.GetProperty("appointment_id").GetInt32(), seen.GetProperty("amount").GetRawText()));
    }

    [Fact]
    public async Task APaymentAtTheChairOnABarbersOwnStripe_ArrivesByItsSignedPaymentIntentSucceededWebhook()
    {
        await using var host = await Host();
        var stripe = host.Simulators.Stripe;
        var account = stripe.CreateStandaloneAccount("Uptown Fades");
        var body = JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["processor_type"] = "stripe",
            ["account_name"] = "My own Stripe",
            ["connection_config"] = new Dictionary<string, object?> { ["secret_key"] = account.SecretKey },
        });
        var created = await ApiAssert.Json(await host.SendAsync(HttpMethod.Post, "external-payments/connections", host.BarberToken(3), body), 201);
        Assert.True(created.GetProperty("validation_result").GetProperty("webhook_configured").GetBoolean());
        var connectionId = created.GetProperty("id").GetInt32();
        await FirstSyncDone(host, 3, connectionId);
        var appointment = await host.NewAppointmentAsync(3, 40.00m);

        var intent = stripe.TakeInPersonPayment(account.SecretKey, 4000, metadata: new Dictionary<string, string> { ["appointment_id"] = $"{appointment}" });

        var seen = await TransactionWhen(host, 3, connectionId, t => t.GetProperty("status").GetString() == "completed", "the Stripe payment");
        Assert.Equal((intent.Id, "stripe", "40.00"), (seen.GetProperty("external_transaction_id").GetString(), seen.GetProperty("processor_type").GetString(),
            seen.GetProperty("amount").GetRawText()));
        Assert.Equal(("matched", appointment), (seen.GetProperty("reconciliation_status").GetString(), seen.GetProperty("appointment_id").GetInt32()));
        Assert.Contains(stripe.WebhookDeliveries, d => d.EventType == "payment_intent.succeeded" && d.StatusCode == 200
            && d.Url.EndsWith($"/webhooks/stripe/{connectionId}", StringComparison.Ordinal));
        var connection = await Connection(host, 3, connectionId);
        Assert.Equal((1, "40.00"), (connection.GetProperty("total_transactions").GetInt32(), connection.GetProperty("total_volume").GetRawText()));
    }

    [Fact]
    public async Task TheDemoSquareConnection_IsLikeOneMadeThroughTheApi_AndARestartResubscribesIt_WithoutSeedingTwice()
    {
        var prefix = "t" + Guid.NewGuid().ToString("N")[..12];
        int connectionId;
        await using (var first = await ApiHost.StartAsync(azurite, prefix: prefix))
        {
            var demo = (await DemoSquareConnection.FindAsync(first.Services, default))!;
            connectionId = demo.Id;
            var merchant = first.Simulators.Square.GetMerchant(DemoWorld.Barber1SquareToken);
            var credentials = first.Services.GetRequiredService<Connections.ConnectionSecrets>().Open(demo);
            Assert.Equal((merchant.RefreshToken, merchant.ApplicationId), (credentials.RefreshToken, credentials.ApplicationId));
            var subscription = Assert.Single(first.Simulators.Square.WebhookSubscriptions);
            Assert.Equal((subscription.Id, $"{first.Client.BaseAddress}webhooks/square/{demo.Id}"), (demo.WebhookSubscriptionId, subscription.NotificationUrl));
            Assert.Equal(demo.WebhookUrl, subscription.NotificationUrl);
            var health = (await Connection(first, 1, demo.Id)).GetProperty("health_status");
            Assert.True(health.GetProperty("webhook_configured").GetBoolean());
            Assert.Equal("valid", health.GetProperty("token_status").GetString());
            Assert.Equal(first.Simulators.Square.TokenExpiresAt(DemoWorld.Barber1SquareToken)!.Value, health.GetProperty("token_expires_at").GetDateTimeOffset(), TimeSpan.FromMilliseconds(1));
        }

        // A restart: the same storage, a new simulator (in memory) that knows no subscription and a new port.
        await using var second = await ApiHost.StartAsync(azurite, prefix: prefix);
        var again = (await DemoSquareConnection.FindAsync(second.Services, default))!;
        Assert.Equal(connectionId, again.Id);
        Assert.Single(await second.Services.GetRequiredService<Connections.ConnectionStore>().ListAsync(1, default));
        var resubscribed = Assert.Single(second.Simulators.Square.WebhookSubscriptions);
        Assert.Equal((resubscribed.Id, resubscribed.NotificationUrl), (again.WebhookSubscriptionId, again.WebhookUrl));
        Assert.StartsWith(second.Client.BaseAddress!.ToString(), again.WebhookUrl, StringComparison.Ordinal);
        Assert.Equal(second.Simulators.Square.GetMerchant(DemoWorld.Barber1SquareToken).RefreshToken,
            second.Services.GetRequiredService<Connections.ConnectionSecrets>().Open(again).RefreshToken);
        // The chair payments were seeded once, and nothing was taken at the new simulator.
        Assert.Equal(4, (await Transactions(second, 1, again.Id)).Length);
        Assert.Empty(second.Simulators.Square.Payments);
    }

    /// <summary>Waits until the webhook-events and transaction-sync queues hold nothing (in flight included).</summary>
    private static Task QueuesIdle(ApiHost host) =>
        Eventually<bool>(async () =>
        {
            foreach (var queue in new[] { WebhookEventsHandler.QueueName, Sync.SyncRequest.QueueName })
                if ((await host.Storage.Queue(queue).GetPropertiesAsync()).Value.ApproximateMessagesCount > 0) return null;
            return true;
        }, "idle queues");
}
