using System.Text.Json;
using BookedBarber.DevHost;
using BookedBarber.Payments.Configuration;
using BookedBarber.Payments.ExternalTransactions;
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
        return (created.GetProperty("id").GetInt32(), location);
    }

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
}
