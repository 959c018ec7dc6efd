using System.Text.Json;
using Azure.Data.Tables;
using BookedBarber.Payments.Amounts;
using BookedBarber.Payments.Collections;
using BookedBarber.Payments.Connections;
using BookedBarber.Payments.Ledger;
using BookedBarber.Payments.Routing;
using BookedBarber.Payments.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace BookedBarber.Payments.FunctionalTests.Collections;

/// <summary>
/// A dev host whose collection gateway is <see cref="FakeCollectionGateway"/>, whose clock is a fake one and whose
/// collection runs crash where <see cref="CrashAt"/> says; collections are arranged as rows (the builder is not used).
/// </summary>
public sealed class ChargerWorld : IAsyncDisposable
{
    private static long _nextId = 900_000_000 + Random.Shared.Next(0, 50_000_000);
    private static int _nextBarber = 700_000 + Random.Shared.Next(0, 100_000);

    private ChargerWorld(ApiHost host, FakeTimeProvider clock, FakeCollectionGateway gateway, CrashAt faults)
    {
        Host = host;
        Clock = clock;
        Gateway = gateway;
        Faults = faults;
    }

    public ApiHost Host { get; }

    public FakeTimeProvider Clock { get; }

    public FakeCollectionGateway Gateway { get; }

    public CrashAt Faults { get; }

    public CollectionStore Store => Host.Services.GetRequiredService<CollectionStore>();

    public CollectionCharger Charger => Host.Services.GetRequiredService<CollectionCharger>();

    public static async Task<ChargerWorld> StartAsync(AzuriteFixture azurite)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var gateway = new FakeCollectionGateway();
        var faults = new CrashAt();
        var host = await ApiHost.StartAsync(azurite, services: s =>
        {
            s.AddSingleton<TimeProvider>(clock);
            s.AddSingleton<ICollectionChargeGateway>(gateway);
            s.AddSingleton<ICollectionFaults>(faults);
        });
        return new ChargerWorld(host, clock, gateway, faults);
    }

    public static int NewBarberId() => Interlocked.Increment(ref _nextBarber);

    /// <summary>A barber with a Connect account (unless told otherwise) and the given collection settings.</summary>
    public async Task<int> BarberAsync(bool connectAccount = true, bool autoCollection = true, string method = CollectionMethods.StripeConnect,
        string fallback = CollectionMethods.StripeConnect, string? customerId = null, string? paymentMethodId = null)
    {
        var barber = NewBarberId();
        if (connectAccount)
            await Host.Services.GetRequiredService<ConnectionStore>().AddPlatformAccountIfAbsentAsync(
                new PlatformAccount(barber, $"acct_test_{barber}", true, Clock.GetUtcNow()), CancellationToken.None);
        await Host.Services.GetRequiredService<PaymentConfigStore>().UpdateAsync(barber, c => c with
        {
            AutoCollectionEnabled = autoCollection,
            CollectionMethod = method,
            CollectionFallbackMethod = fallback,
            CollectionCustomerId = customerId,
            CollectionPaymentMethodId = paymentMethodId,
        }, CancellationToken.None);
        return barber;
    }

    /// <summary>Stores a finished collection of 2 transactions (commission 30.00 unless told) and its id lookup, as the builder would.</summary>
    public async Task<CommissionCollection> CollectionAsync(int barberId, string status = CollectionStatus.Pending, string method = CollectionMethods.StripeConnect,
        long commissionMinor = 3000, long creditMinor = 0, long nettedMinor = 0, long feeMinor = 0, DateTimeOffset? dueDate = null,
        Func<CommissionCollection, CommissionCollection>? tweak = null)
    {
        var now = Clock.GetUtcNow();
        var id = Interlocked.Increment(ref _nextId);
        var created = now.AddDays(-2).AddTicks(-(id % 1000));
        var c = new CommissionCollection(id, barberId, Currency.Usd, status, method, created, dueDate ?? now.AddDays(-1), created.AddHours(-6), 20.0m,
            commissionMinor, creditMinor, [1, 2], [$"sq_{id}_1", $"sq_{id}_2"], ProcessingFeeMinor: feeMinor, NettedMinor: nettedMinor, UpdatedAt: created);
        if (tweak is not null) c = tweak(c);
        await Store.ClaimIdAsync(c.Id, barberId, c.RowKey, CancellationToken.None);
        await Store.SubmitAsync([new TableTransactionAction(TableTransactionActionType.Add, CollectionRows.ToEntity(c))], CancellationToken.None);
        return c;
    }

    public async Task<CommissionCollection> ReadAsync(CommissionCollection c) =>
        await Store.GetAsync(c.BarberId, c.RowKey, CancellationToken.None) ?? throw new InvalidOperationException("gone");

    /// <summary>The stored row as text (everything, ETag included): equal before and after means nothing changed.</summary>
    public async Task<string> RawAsync(CommissionCollection c)
    {
        var e = (await Store.Ledger.GetEntityAsync<TableEntity>(LedgerPartition.For(c.BarberId), c.RowKey)).Value;
        return e.ETag + JsonSerializer.Serialize(e.OrderBy(p => p.Key).Select(p => $"{p.Key}={p.Value}"));
    }

    public async Task<IReadOnlyList<AuditEntry>> AuditAsync(int barberId) =>
        await Host.Services.GetRequiredService<AuditLog>().RecentAsync(barberId, 50, CancellationToken.None);

    /// <summary>The commission-collection messages queued for the collection (peeked, left on the queue).</summary>
    public async Task<IReadOnlyList<CollectionRequest>> MessagesAsync(CommissionCollection c)
    {
        var queue = Host.Storage.Queue(CollectionRequest.QueueName);
        var found = new List<CollectionRequest>();
        foreach (var m in (await queue.PeekMessagesAsync(32)).Value)
        {
            var text = m.Body.ToString();
            if (!text.TrimStart().StartsWith('{')) text = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(text));
            var request = JsonSerializer.Deserialize<CollectionRequest>(text, Http.Json.Options)!;
            if (request.CollectionId == c.Id) found.Add(request);
        }
        return found;
    }

    /// <summary>Every message on the commission-collection queue, delayed ones included (peek cannot see those).</summary>
    public async Task<int> QueuedCountAsync() =>
        (await Host.Storage.Queue(CollectionRequest.QueueName).GetPropertiesAsync()).Value.ApproximateMessagesCount;

    public ValueTask DisposeAsync() => Host.DisposeAsync();
}
