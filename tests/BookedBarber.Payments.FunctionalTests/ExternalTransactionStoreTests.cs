using BookedBarber.Payments.Amounts;
using BookedBarber.Payments.Connections;
using BookedBarber.Payments.ExternalTransactions;
using Microsoft.Extensions.DependencyInjection;

namespace BookedBarber.Payments.FunctionalTests;

[Collection(AzuriteCollection.Name)]
public sealed class ExternalTransactionStoreTests(AzuriteFixture azurite)
{
    private readonly ExternalTransactionStore _store = azurite.Shared.Services.GetRequiredService<ExternalTransactionStore>();
    private readonly ConnectionStore _connections = azurite.Shared.Services.GetRequiredService<ConnectionStore>();
    private static readonly DateTimeOffset At = new(2026, 11, 20, 14, 0, 0, TimeSpan.Zero);

    private static Money Usd(long minor) => new(minor, Currency.Usd);

    private static int NewBarber() => Random.Shared.Next(200_000, 900_000);

    private async Task<ProcessorConnection> ConnectAsync(int barberId) => await _connections.CreateAsync(
        new ProcessorConnection(0, barberId, ProcessorTypes.Square, "L" + Guid.NewGuid().ToString("N")[..10], "Chair 1", ConnectionStatus.Connected,
            "", null, "USD", ProcessingFees.SquareStandard, At), default);

    private static ExternalTransaction Payment(ProcessorConnection c, string externalId, string status = ExternalTransactionStatus.Completed,
        DateTimeOffset? at = null, long amount = 7500, long? refunded = null, long? version = null) =>
        new(0, c.BarberId, c.Id, ProcessorTypes.Square, externalId, Usd(amount), status, at ?? At,
            RefundedAmount: refunded is { } r ? Usd(r) : null, Version: version);

    [Fact]
    public async Task TheSamePaymentSeenByManyWritersAtOnce_IsOneRecord_FoundByItsIdAndItsProcessorId()
    {
        var connection = await ConnectAsync(NewBarber());
        var externalId = "sq_" + Guid.NewGuid().ToString("N");

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => _store.UpsertAsync([Payment(connection, externalId)], default)));

        Assert.Equal(1, outcomes.Sum(o => o.New));
        Assert.Equal(7, outcomes.Sum(o => o.Unchanged + o.Updated));
        var stored = await _store.QueryAsync(connection.BarberId, null, null, default).ToListAsync();
        var only = Assert.Single(stored);
        Assert.All(outcomes, o => Assert.Equal(only.Id, Assert.Single(o.Stored).Id));
        Assert.Equal(only, await _store.GetAsync(only.Id, default));
        Assert.Equal(only, await _store.FindAsync(ProcessorTypes.Square, externalId, default));
        var totals = await _connections.GetAsync(connection.BarberId, connection.Id, default);
        Assert.Equal((1, Usd(7500), At), (totals!.TotalTransactions, totals.TotalVolume, totals.LastTransactionAt));
    }

    [Fact]
    public async Task APaymentClaimedByOneBarber_IsNeverStoredForAnother()
    {
        var first = await ConnectAsync(NewBarber());
        var second = await ConnectAsync(NewBarber());
        var externalId = "sq_" + Guid.NewGuid().ToString("N");
        await _store.UpsertAsync([Payment(first, externalId)], default);

        var outcome = await _store.UpsertAsync([Payment(second, externalId)], default);

        Assert.Equal((0, 1), (outcome.New, outcome.ClaimedElsewhere));
        Assert.Empty(await _store.QueryAsync(second.BarberId, null, null, default).ToListAsync());
        Assert.Equal(first.BarberId, (await _store.FindAsync(ProcessorTypes.Square, externalId, default))!.BarberId);
        Assert.Equal(0, (await _connections.GetAsync(second.BarberId, second.Id, default))!.TotalTransactions);
    }

    [Fact]
    public async Task ConnectionTotals_FollowRefundsAndIgnoreFailures_AndAnOldObservationChangesNothing()
    {
        var connection = await ConnectAsync(NewBarber());
        var (a, b) = ("sq_a" + connection.Id, "sq_b" + connection.Id);
        await _store.UpsertAsync([Payment(connection, a, version: 2), Payment(connection, b, ExternalTransactionStatus.Failed, At.AddHours(1))], default);
        var refund = await _store.UpsertAsync([Payment(connection, a, refunded: 2500, version: 5)], default);
        var stale = await _store.UpsertAsync([Payment(connection, a, ExternalTransactionStatus.Pending, version: 1)], default);

        Assert.Equal((0, 1), (refund.New, refund.Updated));
        Assert.Equal(1, stale.Unchanged);
        var stored = await _store.FindAsync(ProcessorTypes.Square, a, default);
        Assert.Equal((ExternalTransactionStatus.Refunded, Usd(2500)), (stored!.Status, stored.RefundedAmount));
        var totals = await _connections.GetAsync(connection.BarberId, connection.Id, default);
        Assert.Equal((1, Usd(5000), At), (totals!.TotalTransactions, totals.TotalVolume, totals.LastTransactionAt));
    }

    [Fact]
    public async Task APeriod_IsReadNewestFirst_WithBothEndsIncluded()
    {
        var connection = await ConnectAsync(NewBarber());
        var times = Enumerable.Range(0, 5).Select(d => At.AddDays(-d)).ToList();
        await _store.UpsertAsync([.. times.Select((t, i) => Payment(connection, $"sq_p{connection.Id}_{i}", at: t))], default);

        var period = await _store.QueryAsync(connection.BarberId, At.AddDays(-3), At.AddDays(-1), default).ToListAsync();

        Assert.Equal([At.AddDays(-1), At.AddDays(-2), At.AddDays(-3)], period.Select(t => t.ProcessedAt));
    }
}
