using System.Globalization;
using BookedBarber.Payments.Connections;
using BookedBarber.Payments.ExternalTransactions;
using BookedBarber.Payments.Processors.Square;
using BookedBarber.Payments.Sync;
using Microsoft.Extensions.DependencyInjection;

namespace BookedBarber.Payments.FunctionalTests;

/// <summary>A barber with a connected Square location at the host's simulator, and the payments taken there.</summary>
public sealed record SquareBarber(int BarberId, ProcessorConnection Connection, string AccessToken, string LocationId);

public static class SyncWorld
{
    private static int _nextBarber = 7000 + Random.Shared.Next(0, 500) * 10;

    /// <summary>A fresh barber id no other test uses (barbers act on their own data without a booking entry).</summary>
    public static int NewBarberId() => Interlocked.Increment(ref _nextBarber);

    /// <summary>Opens a Square location at the simulator and connects it for a fresh barber, as the connections endpoint stores it.</summary>
    public static async Task<SquareBarber> ConnectSquareAsync(this ApiHost host, int? barberId = null, bool simulator = true)
    {
        var barber = barberId ?? NewBarberId();
        var suffix = Guid.NewGuid().ToString("N")[..10];
        var token = "EAAA-sync-" + suffix;
        var location = "L-SYNC-" + suffix.ToUpperInvariant();
        if (simulator) host.Simulators.Square.AddMerchant(token, location, "Sync test " + suffix);
        var secrets = host.Services.GetRequiredService<ConnectionSecrets>();
        var connection = await host.Services.GetRequiredService<ConnectionStore>().CreateAsync(new ProcessorConnection(0, barber, ProcessorTypes.Square, location,
            "Sync test", ConnectionStatus.Connected, secrets.Seal(barber, new ConnectionCredentials(AccessToken: token, LocationId: location)), location, "USD",
            ProcessingFees.SquareStandard, DateTimeOffset.UtcNow), default);
        return new SquareBarber(barber, connection, token, location);
    }

    /// <summary>Takes <paramref name="count"/> card payments at the barber's Square location (as at the chair); returns their ids.</summary>
    public static async Task<IReadOnlyList<string>> TakeSquarePaymentsAsync(this ApiHost host, SquareBarber barber, int count, long amount = 7500, long? tip = null, string? reference = null)
    {
        var square = host.Services.GetRequiredService<SquareClient>();
        var ids = new string[count];
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
        {
            var payment = await square.CreatePaymentAsync(barber.AccessToken, new SquareCreatePaymentRequest
            {
                SourceId = "cnon:card-nonce-ok",
                IdempotencyKey = Guid.NewGuid().ToString("N"),
                AmountMoney = new SquareMoney(amount, "USD"),
                TipMoney = tip is { } t ? new SquareMoney(t, "USD") : null,
                LocationId = barber.LocationId,
                ReferenceId = reference,
            }, ct);
            ids[i] = payment.Id;
        });
        return ids;
    }

    public static string SyncPath(this SquareBarber barber, string query = "") =>
        $"external-payments/connections/{barber.Connection.Id.ToString(CultureInfo.InvariantCulture)}/sync{query}";

    public static async Task<List<ExternalTransaction>> StoredAsync(this ApiHost host, int barberId)
    {
        var list = new List<ExternalTransaction>();
        await foreach (var t in host.Services.GetRequiredService<ExternalTransactionStore>().QueryAsync(barberId, null, null, default)) list.Add(t);
        return list;
    }

    public static Task<ProcessorConnection?> ConnectionAsync(this ApiHost host, SquareBarber barber) =>
        host.Services.GetRequiredService<ConnectionStore>().GetAsync(barber.BarberId, barber.Connection.Id, default);

    public static Task<SyncState> SyncStateAsync(this ApiHost host, SquareBarber barber) =>
        host.Services.GetRequiredService<SyncStateStore>().GetAsync(barber.BarberId, barber.Connection.Id, default);
}
