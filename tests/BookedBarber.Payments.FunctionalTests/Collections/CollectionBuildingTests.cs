using BookedBarber.Payments.Collections;
using BookedBarber.Payments.Configuration;
using BookedBarber.Payments.ExternalTransactions;
using BookedBarber.Payments.Security;
using Microsoft.Extensions.DependencyInjection;
using static BookedBarber.Payments.FunctionalTests.CollectionWorld;

namespace BookedBarber.Payments.FunctionalTests;

/// <summary>What a barber owes and how a collection of it is made: the rate of the processing time, tips free, once only, credits for later refunds.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class CollectionBuildingTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private ApiHost _host = null!;

    public async Task InitializeAsync() => _host = await ApiHost.StartAsync(azurite, services: CollectionWorld.Services);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Build_ClaimsMatchedCompletedPayments_AtTheRateOfTheirProcessingTime_TipsFree_OthersStayOut()
    {
        var world = await NewAsync(_host);
        var stored = await world.AddAsync(
            world.Payment(100_00, Start, tip: 20_00),                              // 20% of 80.00 = 16.00
            world.Payment(50_00, Start.AddHours(1), refunded: 10_00,
                status: ExternalTransactionStatus.Refunded),                      // 20% of 50.00 = 10.00 less 20% of the refunded 10.00 = 8.00
            world.Payment(75_00, Start.AddHours(2), matched: false),              // unmatched: owes nothing yet
            world.Payment(60_00, Start.AddHours(3), status: ExternalTransactionStatus.Pending),
            world.Payment(40_00, Start.AddHours(4), disputed: true),
            world.Payment(30_00, Start.AddHours(5), status: ExternalTransactionStatus.Failed));
        // The rate changes now: payments before keep 20%, the one after pays 15%.
        await ApiAssert.Json(await _host.SendAsync(HttpMethod.Put, $"hybrid-payments/config/{world.BarberId}", _host.AdminToken(), """{"commission_rate":0.15}"""), 200);
        var late = (await world.AddAsync(world.Payment(33_33, DateTimeOffset.UtcNow)))[0];   // 15% of 33.33 = 4.9995 → 5.00

        var built = await world.Builder.BuildAsync(world.BarberId, DateTimeOffset.UtcNow, default);

        var collection = Assert.Single(built);
        Assert.Equal((CollectionStatus.Pending, 16_00 + 8_00 + 5_00L, 0L), (collection.Status, collection.CommissionMinor, collection.CreditMinor));
        Assert.Equal(new[] { stored[0].Id, stored[1].Id, late.Id }.Order(), collection.TransactionIds.Order());
        Assert.Equal(CollectionMethods.StripeConnect, collection.Method);
        Assert.Equal(collection.CreatedAt.AddDays(1), collection.DueDate);
        Assert.Equal(Math.Round(2900m * 100 / (80_00 + 50_00 + 33_33), 2, MidpointRounding.AwayFromZero), collection.CommissionRate);
        var items = await world.Store.ItemsAsync(world.BarberId, default);
        Assert.Equal([0.20m, 0.20m, 0.15m], items.OrderBy(i => i.ProcessedAt).Select(i => i.Rate));
        var read = await world.Store.GetAsync(collection.Id, default);
        Assert.Equal((collection.Status, collection.CommissionMinor, collection.CommissionRate), (read!.Status, read.CommissionMinor, read.CommissionRate));
        Assert.Equal(collection.TransactionIds, read.TransactionIds);
        Assert.Single(await world.CollectionsAsync());
        await world.AssertInvariantsHoldAsync();
    }

    [Fact]
    public async Task BelowTheMinimum_NothingIsBuilt_AndTheAmountJoinsTheNextCollection()
    {
        var world = await NewAsync(_host);
        var small = (await world.AddAsync(world.Payment(100_00, Start)))[0];   // 20.00 < 25.00

        Assert.Empty(await world.Builder.BuildAsync(world.BarberId, Start.AddDays(1), default));
        Assert.Empty(await world.CollectionsAsync());
        Assert.Empty(await world.Store.ItemsAsync(world.BarberId, default));

        var more = (await world.AddAsync(world.Payment(50_00, Start.AddDays(2))))[0];
        var collection = Assert.Single(await world.Builder.BuildAsync(world.BarberId, Start.AddDays(3), default));
        Assert.Equal(30_00, collection.CommissionMinor);
        Assert.Equal(new[] { small.Id, more.Id }.Order(), collection.TransactionIds.Order());
        Assert.Equal(20.0m, collection.CommissionRate);
        await world.AssertInvariantsHoldAsync();
    }

    [Fact]
    public async Task ARunAtTheSameOrAnEarlierCutoff_BuildsNothing_ALaterOneOnlyWhatIsNew()
    {
        var world = await NewAsync(_host);
        await world.AddAsync(world.Payment(200_00, Start));
        var cutoff = Start.AddDays(1);
        Assert.Single(await world.Builder.BuildAsync(world.BarberId, cutoff, default));

        await world.AddAsync(world.Payment(200_00, Start.AddHours(2)));   // synced late, processed before the cutoff
        Assert.Empty(await world.Builder.BuildAsync(world.BarberId, cutoff, default));
        Assert.Empty(await world.Builder.BuildAsync(world.BarberId, cutoff.AddHours(-1), default));
        Assert.Single(await world.CollectionsAsync());

        var next = Assert.Single(await world.Builder.BuildAsync(world.BarberId, cutoff.AddDays(1), default));
        Assert.Equal(40_00, next.CommissionMinor);
        Assert.Equal(2, (await world.CollectionsAsync()).Count);
        await world.AssertInvariantsHoldAsync();
    }

    [Fact]
    public async Task ARefundAfterCollection_IsACreditOnTheNextCollection_ForExactlyTheCommissionCollectedOnTheRefundedPart()
    {
        var world = await NewAsync(_host);
        var paid = (await world.AddAsync(world.Payment(150_00, Start, tip: 25_00, externalId: "sq_refund_" + Guid.NewGuid().ToString("N"))))[0];
        var first = Assert.Single(await world.Builder.BuildAsync(world.BarberId, Start.AddDays(1), default));
        Assert.Equal(25_00, first.CommissionMinor);   // 20% of 125.00

        // Half the payment comes back: 12.50 of the 25.00 collected was on the refunded part.
        await world.AddAsync(paid with { Id = 0, RefundedAmount = Usd(75_00), Status = ExternalTransactionStatus.Refunded });
        await world.AddAsync(world.Payment(200_00, Start.AddDays(2)));
        // While the first collection is not collected, its credit waits.
        var second = Assert.Single(await world.Builder.BuildAsync(world.BarberId, Start.AddDays(3), default));
        Assert.Equal((40_00L, 0L), (second.CommissionMinor, second.CreditMinor));

        await world.Store.UpdateAsync(world.BarberId, first.RowKey, c => c! with
        {
            // Collected without a charge at Stripe: wholly netted from centralized payments (what the processor audit accepts).
            Status = CollectionStatus.Collected, CollectedAt = DateTimeOffset.UtcNow, Method = CollectionMethods.Netting,
            ChargeMethod = CollectionMethods.Netting, NettedMinor = c.CommissionMinor - c.CreditMinor, NettingClosed = true,
        }, default);
        await world.AddAsync(world.Payment(200_00, Start.AddDays(4)));
        var third = Assert.Single(await world.Builder.BuildAsync(world.BarberId, Start.AddDays(5), default));

        Assert.Equal((40_00L, 12_50L), (third.CommissionMinor, third.CreditMinor));
        Assert.Equal(27_50, third.Amount.Minor);
        var credit = Assert.Single(await world.Store.CreditsAsync(world.BarberId, third.Id, default));
        Assert.Equal((paid.Id, first.Id, 12_50L, 75_00L), (credit.TransactionId, credit.FromCollectionId, credit.AmountMinor, credit.RefundedMinor));
        Assert.Equal(12_50, (await world.Store.ItemAsync(world.BarberId, paid.Id, default))!.CreditedMinor);
        Assert.DoesNotContain(paid.Id, third.TransactionIds);
        // The same refund is never credited twice.
        await world.AddAsync(world.Payment(200_00, Start.AddDays(6)));
        Assert.Equal(0, Assert.Single(await world.Builder.BuildAsync(world.BarberId, Start.AddDays(7), default)).CreditMinor);
        await world.AssertInvariantsHoldAsync();
    }

    [Fact]
    public async Task MoreThan250Transactions_AreOneCollection_BuiltInBatchesOfAtMost100()
    {
        var world = await NewAsync(_host);
        await world.AddAsync(Enumerable.Range(0, 260).Select(i => world.Payment(10_00, Start.AddMinutes(i))).ToArray());

        var collection = Assert.Single(await world.Builder.BuildAsync(world.BarberId, Start.AddDays(1), default));

        Assert.Equal((260, 260 * 2_00L), (collection.TransactionIds.Count, collection.CommissionMinor));
        Assert.Equal(3, collection.BuildCursor);   // 98 + 99 + 63 claims
        Assert.Equal(260, (await world.Store.ItemsAsync(world.BarberId, default)).Count);
        await world.AssertInvariantsHoldAsync();
    }

    [Fact]
    public async Task ConcurrentRunsForOneBarber_ClaimEachTransactionOnce_InOneCollection()
    {
        var world = await NewAsync(_host);
        await world.AddAsync(Enumerable.Range(0, 150).Select(i => world.Payment(20_00, Start.AddMinutes(i))).ToArray());

        var runs = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => world.Builder.BuildAsync(world.BarberId, Start.AddDays(1), default))));

        var collection = Assert.Single(await world.CollectionsAsync());
        Assert.Equal((CollectionStatus.Pending, 150, 150 * 4_00L), (collection.Status, collection.TransactionIds.Count, collection.CommissionMinor));
        Assert.All(runs.SelectMany(r => r), c => Assert.Equal(collection.Id, c.Id));
        await world.AssertInvariantsHoldAsync();
    }

    [Fact]
    public async Task TheTimerQueuesOneMessagePerBarberWithAConnection_EvenDisconnected()
    {
        var world = await NewAsync(_host);
        var queue = _host.Storage.Queue(CollectionRequest.QueueName);
        await queue.CreateIfNotExistsAsync();
        await queue.ClearMessagesAsync();

        using (var scope = _host.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<CommissionCollectionJob>().RunAsync(default);

        var messages = (await queue.ReceiveMessagesAsync(32)).Value.Select(m => System.Text.Json.JsonSerializer.Deserialize<CollectionRequest>(m.Body.ToString(), Http.Json.Options)!).ToList();
        var mine = Assert.Single(messages, m => m.BarberId == world.BarberId);
        Assert.Equal((null, CollectionTriggers.Schedule, false), (mine.Cutoff, mine.Trigger, mine.OperatorRun));
        Assert.Equal(messages.Count, messages.Select(m => m.BarberId).Distinct().Count());
    }
}
