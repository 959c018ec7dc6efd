using System.Text.Json;
using BookedBarber.Payments.Amounts;
using BookedBarber.Payments.ExternalTransactions;
using BookedBarber.Payments.Queues;
using BookedBarber.Payments.Sync;
using Microsoft.Extensions.DependencyInjection;

namespace BookedBarber.Payments.FunctionalTests;

/// <summary>
/// Sync of a barber's own Square payments: manual endpoint, queue continuation and targeted refresh, over the Square
/// simulator (paging, fees) or a scripted Square (late listing, refunds, reordering) and real Azurite storage.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class TransactionSyncTests(AzuriteFixture azurite)
{
    private static readonly string[] ResponseFields =
        ["sync_started_at", "sync_completed_at", "transactions_synced", "new_transactions", "updated_transactions", "sync_errors", "next_sync_at", "continues_in_background"];

    private static async Task<ApiHost> ScriptedHostAsync(AzuriteFixture azurite, ScriptedSquareSource square, SyncOptions? options = null) =>
        await ApiHost.StartAsync(azurite, seed: false, services: s =>
        {
            s.AddSingleton<IPaymentSource>(square);
            if (options is not null) s.AddSingleton(options);
        });

    private static async Task<JsonElement> SyncAsync(ApiHost host, SquareBarber barber, string query = "", int status = 200) =>
        await ApiAssert.Json(await host.SendAsync(HttpMethod.Post, barber.SyncPath(query), host.BarberToken(barber.BarberId)), status);

    [Fact]
    public async Task ManualSync_PagesOverMoreThanAHundredPayments_StoresEachOnce_WithTrueCounts()
    {
        var host = azurite.Shared;
        var barber = await host.ConnectSquareAsync();
        var ids = await host.TakeSquarePaymentsAsync(barber, 140, amount: 4500, tip: 500);

        var body = await SyncAsync(host, barber);

        Assert.Equal(ResponseFields.Order(), body.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal(140, body.GetProperty("transactions_synced").GetInt32());
        Assert.Equal(140, body.GetProperty("new_transactions").GetInt32());
        Assert.Equal(0, body.GetProperty("updated_transactions").GetInt32());
        Assert.Equal(0, body.GetProperty("sync_errors").GetInt32());
        Assert.False(body.GetProperty("continues_in_background").GetBoolean());
        var completed = body.GetProperty("sync_completed_at").GetDateTimeOffset();
        Assert.True(completed >= body.GetProperty("sync_started_at").GetDateTimeOffset());
        var next = body.GetProperty("next_sync_at").GetDateTimeOffset();
        Assert.True(next > completed && next <= completed.AddHours(1) && next.Minute == 0 && next.Second == 0, $"next_sync_at {next}");

        var stored = await host.StoredAsync(barber.BarberId);
        Assert.Equal(ids.Order(), stored.Select(t => t.ExternalTransactionId).Order());
        Assert.All(stored, t =>
        {
            Assert.Equal(new Money(5000, Currency.Usd), t.Amount); // amount + tip: what the client paid
            Assert.Equal(new Money(500, Currency.Usd), t.TipAmount);
            Assert.Equal(ExternalTransactionStatus.Completed, t.Status);
            Assert.Equal(("VISA", "1111", "KEYED"), (t.CardBrand, t.LastFour, t.EntryMethod));
            Assert.Equal(barber.Connection.Id, t.ConnectionId);
        });
        Assert.Equal(140, stored.Select(t => t.Id).Distinct().Count());
        var connection = await host.ConnectionAsync(barber);
        Assert.Equal(140, connection!.TotalTransactions);
        Assert.Equal(140 * 5000, connection.TotalVolume!.Value.Minor);
        Assert.NotNull(connection.LastSyncAt);

        // Again: the re-scan sees every payment unchanged, and says so.
        var again = await SyncAsync(host, barber);
        Assert.Equal((0, 0, 0), (again.GetProperty("transactions_synced").GetInt32(), again.GetProperty("new_transactions").GetInt32(), again.GetProperty("updated_transactions").GetInt32()));
        Assert.Equal(140, (await host.StoredAsync(barber.BarberId)).Count);
        Assert.Equal(140, (await host.ConnectionAsync(barber))!.TotalTransactions);
    }

    [Fact]
    public async Task FeesSquareAssessesLater_UpdateProcessorFees_IncludingNegativeAdjustments()
    {
        var host = azurite.Shared;
        var barber = await host.ConnectSquareAsync();
        var ids = await host.TakeSquarePaymentsAsync(barber, 3, amount: 7500);
        await SyncAsync(host, barber);
        Assert.All(await host.StoredAsync(barber.BarberId), t => Assert.Null(t.ProcessorFees));

        foreach (var id in ids) host.Simulators.Square.SettleFees(id);
        host.Simulators.Square.AdjustFee(ids[0], -25);
        var body = await SyncAsync(host, barber);

        Assert.Equal((3, 0, 3), (body.GetProperty("transactions_synced").GetInt32(), body.GetProperty("new_transactions").GetInt32(), body.GetProperty("updated_transactions").GetInt32()));
        var fee = host.Simulators.Square.ComputeFee(7500);
        var stored = (await host.StoredAsync(barber.BarberId)).ToDictionary(t => t.ExternalTransactionId);
        Assert.Equal(fee - 25, stored[ids[0]].ProcessorFees!.Value.Minor);
        Assert.Equal(fee, stored[ids[1]].ProcessorFees!.Value.Minor);
        Assert.Equal(fee, stored[ids[2]].ProcessorFees!.Value.Minor);
    }

    [Fact]
    public async Task AOurOwnPaymentRecordedAtChargeTime_IsTheSameRecordWhenSyncSeesIt()
    {
        var host = azurite.Shared;
        var barber = await host.ConnectSquareAsync();
        var ids = await host.TakeSquarePaymentsAsync(barber, 2, amount: 7500, reference: AppointmentReference.Format(4242));
        // The payment path records what it charged, with our clock (a little before Square's created_at).
        var ours = new ExternalTransaction(0, barber.BarberId, barber.Connection.Id, "square", ids[0], new Money(7500, Currency.Usd),
            ExternalTransactionStatus.Completed, DateTimeOffset.UtcNow.AddSeconds(-30), Reference: AppointmentReference.Format(4242), Source: "payment");
        var recorded = await host.Services.GetRequiredService<ExternalTransactionStore>().UpsertAsync([ours], default);

        var body = await SyncAsync(host, barber);

        Assert.Equal(1, body.GetProperty("new_transactions").GetInt32());
        var stored = await host.StoredAsync(barber.BarberId);
        Assert.Equal(2, stored.Count);
        Assert.Equal(recorded.Stored.Single().Id, stored.Single(t => t.ExternalTransactionId == ids[0]).Id);
        Assert.Equal("VISA", stored.Single(t => t.ExternalTransactionId == ids[0]).CardBrand); // sync filled in what the charge did not know
    }

    [Fact]
    public async Task OverTheSimulator_ARescanFindsAPaymentListedLate_AndARefundMovesItToRefunded()
    {
        await using var host = await ApiHost.StartAsync(azurite, seed: false);
        var square = host.Simulators.Square;
        var barber = await host.ConnectSquareAsync();
        square.ListVisibilityDelay = TimeSpan.FromSeconds(2); // ListPayments is eventually consistent
        var late = square.TakeInPersonPayment(barber.LocationId, 6000, referenceId: AppointmentReference.Format(99));

        Assert.Equal(0, (await SyncAsync(host, barber)).GetProperty("new_transactions").GetInt32());
        var checkpoint = (await host.SyncStateAsync(barber)).Checkpoint;
        Assert.True(checkpoint > late.CreatedAt);
        await Task.Delay(TimeSpan.FromSeconds(2.5));

        var found = await SyncAsync(host, barber);
        Assert.Equal(1, found.GetProperty("new_transactions").GetInt32());
        var stored = (await host.StoredAsync(barber.BarberId)).Single();
        Assert.Equal((late.Id, ExternalTransactionStatus.Completed, 6000L, "bb-appt-99"), (stored.ExternalTransactionId, stored.Status, stored.Amount.Minor, stored.Reference));

        square.RefundPayment(late.Id, 2500);
        await Task.Delay(200);
        var refunded = await SyncAsync(host, barber);
        Assert.Equal((1, 0, 1), (refunded.GetProperty("transactions_synced").GetInt32(), refunded.GetProperty("new_transactions").GetInt32(), refunded.GetProperty("updated_transactions").GetInt32()));
        stored = (await host.StoredAsync(barber.BarberId)).Single();
        Assert.Equal((ExternalTransactionStatus.Refunded, 2500L), (stored.Status, stored.RefundedAmount!.Value.Minor));
        Assert.Equal(3500, (await host.ConnectionAsync(barber))!.TotalVolume!.Value.Minor);
    }

    [Fact]
    public async Task ACrashAfterClaimingAndBeforeTheRow_IsCompletedByTheNextSync_OneRecordFoundByItsId()
    {
        var host = azurite.Shared;
        var barber = await host.ConnectSquareAsync();
        var ids = await host.TakeSquarePaymentsAsync(barber, 3);
        // What a crashed page left behind: payment 0's first claim (no id lookup, no row) with the id it was given.
        var lookup = host.Services.GetRequiredService<Storage.GlobalLookup>();
        const int claimedId = 1_900_000_000;
        var row = ExternalTransactionRows.RowKey(DateTimeOffset.UtcNow.AddMinutes(-1), claimedId);
        await lookup.ClaimAsync(ExternalTransactionStore.ExternalLookupKind, ExternalTransactionStore.ExternalKey("square", ids[0]),
            new Storage.LookupEntry(barber.BarberId, claimedId, row), default);

        var body = await SyncAsync(host, barber);

        Assert.Equal(3, body.GetProperty("new_transactions").GetInt32());
        var stored = await host.StoredAsync(barber.BarberId);
        Assert.Equal(ids.Order(), stored.Select(t => t.ExternalTransactionId).Order());
        var resumed = stored.Single(t => t.ExternalTransactionId == ids[0]);
        Assert.Equal(claimedId, resumed.Id);
        var store = host.Services.GetRequiredService<ExternalTransactionStore>();
        Assert.Equal(ids[0], (await store.GetAsync(claimedId, default))!.ExternalTransactionId);
        foreach (var t in stored) Assert.NotNull(await store.GetAsync(t.Id, default)); // every shown id has its lookup
        Assert.Equal(0, (await SyncAsync(host, barber)).GetProperty("transactions_synced").GetInt32());
    }

    [Fact]
    public async Task ARescan_PicksUpAPaymentSquareListedLate()
    {
        var square = new ScriptedSquareSource();
        await using var host = await ScriptedHostAsync(azurite, square);
        var barber = await host.ConnectSquareAsync(simulator: false);
        var now = DateTimeOffset.UtcNow;
        square.Put(ScriptedSquareSource.Payment("late-1", now.AddHours(-3), 3500), listed: false);
        square.Put(ScriptedSquareSource.Payment("on-time-1", now.AddHours(-2), 4500));

        Assert.Equal(1, (await SyncAsync(host, barber)).GetProperty("new_transactions").GetInt32());
        var checkpoint = (await host.SyncStateAsync(barber)).Checkpoint;
        Assert.NotNull(checkpoint);

        square.Reveal("late-1"); // created before the checkpoint, listed only now
        var body = await SyncAsync(host, barber);

        Assert.Equal((1, 1, 0), (body.GetProperty("transactions_synced").GetInt32(), body.GetProperty("new_transactions").GetInt32(), body.GetProperty("updated_transactions").GetInt32()));
        Assert.Equal(["late-1", "on-time-1"], (await host.StoredAsync(barber.BarberId)).Select(t => t.ExternalTransactionId).Order());
        Assert.True((await host.SyncStateAsync(barber)).Checkpoint > checkpoint);
    }

    [Fact]
    public async Task ARefund_MovesToRefunded_AndAnOlderObservationNeverMovesItBack()
    {
        var square = new ScriptedSquareSource();
        await using var host = await ScriptedHostAsync(azurite, square);
        var barber = await host.ConnectSquareAsync(simulator: false);
        var created = DateTimeOffset.UtcNow.AddHours(-1);
        square.Put(ScriptedSquareSource.Payment("pay-r", created, 6000, status: "APPROVED"));
        await SyncAsync(host, barber);
        Assert.Equal(ExternalTransactionStatus.Pending, (await host.StoredAsync(barber.BarberId)).Single().Status);

        square.Put(ScriptedSquareSource.Payment("pay-r", created, 6000, fee: 166, refunded: 2000, updatedAt: created.AddMinutes(20)));
        var body = await SyncAsync(host, barber);
        Assert.Equal(1, body.GetProperty("updated_transactions").GetInt32());
        var refunded = (await host.StoredAsync(barber.BarberId)).Single();
        Assert.Equal(ExternalTransactionStatus.Refunded, refunded.Status);
        Assert.Equal(new Money(2000, Currency.Usd), refunded.RefundedAmount);
        Assert.Equal(new Money(166, Currency.Usd), refunded.ProcessorFees);
        Assert.Equal(4000, (await host.ConnectionAsync(barber))!.TotalVolume!.Value.Minor); // net of the refund

        // A webhook's refresh that read Square before the refund (older updated_at, still completed, older fee) changes nothing.
        square.Put(ScriptedSquareSource.Payment("pay-r", created, 6000, fee: 150, updatedAt: created.AddMinutes(5)));
        var engine = host.Services.GetRequiredService<TransactionSyncEngine>();
        var outcome = await engine.RefreshAsync((await host.ConnectionAsync(barber))!, ["pay-r"], default);
        Assert.Equal((0, 0, 1), (outcome.New, outcome.Updated, outcome.Unchanged));
        var after = (await host.StoredAsync(barber.BarberId)).Single();
        Assert.Equal((ExternalTransactionStatus.Refunded, 2000L, 166L), (after.Status, after.RefundedAmount!.Value.Minor, after.ProcessorFees!.Value.Minor));
    }

    [Fact]
    public async Task TwoSyncsAtOnce_OneRunsAndTheOtherIs409_AndEachPaymentIsOneRecord()
    {
        var square = new ScriptedSquareSource { PageSize = 10, PageDelay = TimeSpan.FromMilliseconds(150) };
        await using var host = await ScriptedHostAsync(azurite, square);
        var barber = await host.ConnectSquareAsync(simulator: false);
        var now = DateTimeOffset.UtcNow;
        for (var i = 0; i < 60; i++) square.Put(ScriptedSquareSource.Payment($"pay-{i:D3}", now.AddMinutes(-90 + i), 2500));

        var first = host.SendAsync(HttpMethod.Post, barber.SyncPath(), host.BarberToken(barber.BarberId));
        await Task.Delay(300);
        var second = await host.SendAsync(HttpMethod.Post, barber.SyncPath("?force=true"), host.BarberToken(barber.BarberId));
        var error = await ApiAssert.Error(second, 409, "CONFLICT");
        Assert.Equal(barber.Connection.Id, error.GetProperty("details").GetProperty("connection_id").GetInt32());
        Assert.NotEqual(JsonValueKind.Null, error.GetProperty("details").GetProperty("sync_started_at").ValueKind);
        var body = await ApiAssert.Json(await first, 200);
        Assert.Equal(60, body.GetProperty("new_transactions").GetInt32());

        // Without the lease (two instances upserting the same observations at once), first claim still makes one record each.
        var store = host.Services.GetRequiredService<ExternalTransactionStore>();
        var fresh = Enumerable.Range(0, 30).Select(i => new ExternalTransaction(0, barber.BarberId, barber.Connection.Id, "square", $"race-{i}",
            new Money(1000, Currency.Usd), ExternalTransactionStatus.Completed, now.AddMinutes(-10 + i / 10.0))).ToList();
        var outcomes = await Task.WhenAll(store.UpsertAsync(fresh, default), store.UpsertAsync(fresh, default), store.UpsertAsync(fresh.AsEnumerable().Reverse().ToList(), default));
        Assert.Equal(30, outcomes.Sum(o => o.New));
        var stored = await host.StoredAsync(barber.BarberId);
        Assert.Equal(90, stored.Count);
        Assert.Equal(90, stored.Select(t => t.ExternalTransactionId).Distinct().Count());
        Assert.Equal(90, (await host.ConnectionAsync(barber))!.TotalTransactions);
    }

    [Fact]
    public async Task ASyncLargerThanARequestWaitsFor_ContinuesOnTheQueue_AndSaysSo()
    {
        var square = new ScriptedSquareSource { PageSize = 10 };
        await using var host = await ScriptedHostAsync(azurite, square, new SyncOptions { PageSize = 10, RequestPageBudget = 2 });
        var barber = await host.ConnectSquareAsync(simulator: false);
        var now = DateTimeOffset.UtcNow;
        for (var i = 0; i < 45; i++) square.Put(ScriptedSquareSource.Payment($"big-{i:D3}", now.AddMinutes(-100 + i), 2500));

        var body = await SyncAsync(host, barber);

        Assert.True(body.GetProperty("continues_in_background").GetBoolean());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("sync_completed_at").ValueKind);
        Assert.Equal(20, body.GetProperty("new_transactions").GetInt32());
        Assert.Equal(20, (await host.StoredAsync(barber.BarberId)).Count);

        // The queued continuation resumes at the saved cursor.
        var queue = host.Storage.Queue(SyncRequest.QueueName);
        var message = (await queue.ReceiveMessageAsync()).Value;
        var request = JsonSerializer.Deserialize<SyncRequest>(message.Body.ToString(), Http.Json.Options)!;
        Assert.Equal((barber.BarberId, barber.Connection.Id, SyncTriggers.Continuation), (request.BarberId, request.ConnectionId, request.Trigger));
        await host.Services.GetRequiredService<QueueDispatcher>().HandleAsync(new QueueDelivery(SyncRequest.QueueName, message.MessageId, message.Body.ToString(), 1), default);

        Assert.Equal(45, (await host.StoredAsync(barber.BarberId)).Count);
        var state = await host.SyncStateAsync(barber);
        Assert.False(state.Unfinished);
        Assert.NotNull(state.Checkpoint);
        Assert.NotNull((await host.ConnectionAsync(barber))!.LastSyncAt);
    }

    [Fact]
    public async Task AWebhooksTargetedRefresh_OnTheQueue_StoresJustThosePayments()
    {
        var host = azurite.Shared;
        var barber = await host.ConnectSquareAsync();
        var ids = await host.TakeSquarePaymentsAsync(barber, 3);
        var body = JsonSerializer.Serialize(new SyncRequest(barber.BarberId, barber.Connection.Id, null, false, [ids[1], "no-such-payment"], SyncTriggers.Webhook), Http.Json.Options);
        var dispatcher = host.Services.GetRequiredService<QueueDispatcher>();

        await dispatcher.HandleAsync(new QueueDelivery(SyncRequest.QueueName, "m1", body, 1), default);
        await dispatcher.HandleAsync(new QueueDelivery(SyncRequest.QueueName, "m1", body, 2), default); // redelivered

        Assert.Equal([ids[1]], (await host.StoredAsync(barber.BarberId)).Select(t => t.ExternalTransactionId));
    }

    [Fact]
    public async Task TheHourlyJob_QueuesOneMessagePerConnectedConnection()
    {
        await using var host = await ApiHost.StartAsync(azurite, seed: false);
        var a = await host.ConnectSquareAsync(simulator: false);
        var b = await host.ConnectSquareAsync(simulator: false);

        await host.Services.GetRequiredService<QueueDispatcher>().RunJobAsync(TransactionSyncJob.Name, default);

        var messages = (await host.Storage.Queue(SyncRequest.QueueName).ReceiveMessagesAsync(32)).Value;
        var requests = messages.Select(m => JsonSerializer.Deserialize<SyncRequest>(m.Body.ToString(), Http.Json.Options)!).ToList();
        Assert.Equal([a.Connection.Id, b.Connection.Id], requests.Select(r => r.ConnectionId).Order());
        Assert.All(requests, r => Assert.Equal(SyncTriggers.Schedule, r.Trigger));
    }

    [Theory]
    [InlineData("?since=2999-01-01T00:00:00Z", "since")]
    [InlineData("?since=yesterday", "since")]
    [InlineData("?force=maybe", "force")]
    public async Task BadQueryValues_Are400_AndSyncNothing(string query, string field)
    {
        var host = azurite.Shared;
        var barber = await host.ConnectSquareAsync();
        await host.TakeSquarePaymentsAsync(barber, 1);

        var error = await ApiAssert.Error(await host.SendAsync(HttpMethod.Post, barber.SyncPath(query), host.BarberToken(barber.BarberId)), 400, "VALIDATION_ERROR");

        Assert.Contains(field, error.GetRawText(), StringComparison.Ordinal);
        Assert.Empty(await host.StoredAsync(barber.BarberId));
        Assert.Null((await host.SyncStateAsync(barber)).Checkpoint);
    }

    [Fact]
    public async Task AnotherTenantsOrAnUnknownConnection_Is404_AndADisconnectedOne409()
    {
        var host = azurite.Shared;
        var barber = await host.ConnectSquareAsync();
        await host.TakeSquarePaymentsAsync(barber, 1);

        await ApiAssert.Error(await host.SendAsync(HttpMethod.Post, barber.SyncPath(), host.BarberToken(SyncWorld.NewBarberId())), 404, "NOT_FOUND");
        await ApiAssert.Error(await host.SendAsync(HttpMethod.Post, "external-payments/connections/999999999/sync", host.BarberToken(barber.BarberId)), 404, "NOT_FOUND");
        await ApiAssert.Error(await host.SendAsync(HttpMethod.Post, "external-payments/connections/abc/sync", host.BarberToken(barber.BarberId)), 400, "VALIDATION_ERROR");
        Assert.Empty(await host.StoredAsync(barber.BarberId));

        var disconnected = await host.ConnectSquareAsync();
        await DisconnectAsync(host, disconnected);
        await ApiAssert.Error(await host.SendAsync(HttpMethod.Post, disconnected.SyncPath(), host.BarberToken(disconnected.BarberId)), 409, "CONFLICT");
    }

    [Fact]
    public async Task SquareDown_Is502_AndFreesTheConnectionForTheNextSync()
    {
        await using var host = await ApiHost.StartAsync(azurite, seed: false);
        var barber = await host.ConnectSquareAsync();
        await host.TakeSquarePaymentsAsync(barber, 2);
        host.Simulators.Square.Outage = true;

        var error = await ApiAssert.Error(await host.SendAsync(HttpMethod.Post, barber.SyncPath(), host.BarberToken(barber.BarberId)), 502, "EXTERNAL_PROCESSOR_UNAVAILABLE");

        Assert.Equal("square", error.GetProperty("details").GetProperty("processor_type").GetString());
        Assert.Empty(await host.StoredAsync(barber.BarberId));
        Assert.False((await host.SyncStateAsync(barber)).LeasedAt(DateTimeOffset.UtcNow));
        host.Simulators.Square.Outage = false;
        Assert.Equal(2, (await SyncAsync(host, barber)).GetProperty("new_transactions").GetInt32());
    }

    // The connections feature archives a deleted connection; here the row is marked as it does.
    private static async Task DisconnectAsync(ApiHost host, SquareBarber barber)
    {
        var table = host.Storage.Table(host.Storage.Names.Ledger);
        var row = $"conn-{barber.Connection.Id:D10}";
        var entity = (await table.GetEntityAsync<Azure.Data.Tables.TableEntity>(Ledger.LedgerPartition.For(barber.BarberId), row)).Value;
        entity["Status"] = Connections.ConnectionStatus.Disconnected;
        await table.UpdateEntityAsync(entity, entity.ETag);
    }
}
