using BookedBarber.Payments.Amounts;
using BookedBarber.Payments.Collections;
using BookedBarber.Payments.Connections;
using BookedBarber.Payments.ExternalTransactions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace BookedBarber.Payments.FunctionalTests;

/// <summary>A barber with a Square connection whose outside payments are stored directly, and the collection services of their host.</summary>
public sealed class CollectionWorld(ApiHost host, int barberId, ProcessorConnection connection)
{
    public static readonly DateTimeOffset Start = DateTimeOffset.UtcNow.AddDays(-20);

    public ApiHost Host { get; } = host;
    public int BarberId { get; } = barberId;
    public ProcessorConnection Connection { get; } = connection;

    public CollectionBuilder Builder => Host.Services.GetRequiredService<CollectionBuilder>();
    public CollectionStore Store => Host.Services.GetRequiredService<CollectionStore>();
    public CollectionInvariantChecker Checker => Host.Services.GetRequiredService<CollectionInvariantChecker>();
    public ExternalTransactionStore Transactions => Host.Services.GetRequiredService<ExternalTransactionStore>();

    /// <summary>The collection services a test host needs beyond the application's: a processor that holds no charges (the builder's branch has no gateway).</summary>
    public static void Services(IServiceCollection services) =>
        services.TryAddSingleton<ICollectionChargeGateway, NoCollectionCharges>();

    /// <summary>A new barber the booking platform knows (in a shop of their own), with a connected Square location.</summary>
    public static async Task<CollectionWorld> NewAsync(ApiHost host)
    {
        var barberId = Random.Shared.Next(300_000, 900_000);
        var shopId = Random.Shared.Next(300_000, 900_000);
        await ApiAssert.Json(await host.SendAsync(HttpMethod.Put, $"internal/booking/shops/{shopId}", host.AdminToken(),
            $$"""{"name":"Shop {{shopId}}","owner_id":{{shopId}},"barber_ids":[{{barberId}}]}"""), 201);
        var connection = await host.Services.GetRequiredService<ConnectionStore>().CreateAsync(
            new ProcessorConnection(0, barberId, ProcessorTypes.Square, "L" + Guid.NewGuid().ToString("N")[..10], "Chair 1", ConnectionStatus.Connected,
                "", null, "USD", ProcessingFees.SquareStandard, Start), default);
        return new CollectionWorld(host, barberId, connection);
    }

    public static Money Usd(long minor) => new(minor, Currency.Usd);

    public ExternalTransaction Payment(long amount, DateTimeOffset at, long? tip = null, string status = ExternalTransactionStatus.Completed,
        bool matched = true, long? refunded = null, bool disputed = false, string? externalId = null) =>
        new(0, BarberId, Connection.Id, ProcessorTypes.Square, externalId ?? "sq_" + Guid.NewGuid().ToString("N"), Usd(amount), status, at,
            TipAmount: tip is { } t ? Usd(t) : null, RefundedAmount: refunded is { } r ? Usd(r) : null,
            AppointmentId: matched ? Random.Shared.Next(1, 1_000_000) : null,
            ReconciliationStatus: matched ? ReconciliationStatus.Matched : ReconciliationStatus.Unmatched, Disputed: disputed);

    public async Task<IReadOnlyList<ExternalTransaction>> AddAsync(params ExternalTransaction[] payments) =>
        (await Transactions.UpsertAsync(payments, default)).Stored;

    public async Task<List<CommissionCollection>> CollectionsAsync() =>
        await Store.ListAsync(BarberId, null, null, default).ToListAsync();

    public async Task AssertInvariantsHoldAsync()
    {
        var report = await Checker.CheckAsync([BarberId], default);
        Assert.Empty(report.Violations);
    }
}
