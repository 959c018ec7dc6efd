using BookedBarber.DevHost;
using BookedBarber.Payments.Booking;
using BookedBarber.Payments.Routing;
using BookedBarber.Payments.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace BookedBarber.Payments.FunctionalTests;

[Collection(AzuriteCollection.Name)]
public sealed class StorageTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task IdAllocation_FromSeveralInstancesAtOnce_NeverHandsOutAnIdTwice()
    {
        var storage = azurite.Shared.Storage;
        var instances = Enumerable.Range(0, 3).Select(_ => new IdAllocator(storage, blockSize: 5)).ToArray();
        var sequence = "test-" + Guid.NewGuid().ToString("N");

        var ids = await Task.WhenAll(Enumerable.Range(0, 150).Select(i => instances[i % 3].NextAsync(sequence, default)));

        Assert.Equal(150, ids.Distinct().Count());
        Assert.All(ids, id => Assert.True(id > 0));
    }

    [Fact]
    public async Task DemoWorld_IsSeeded_AsTheIssueDescribes()
    {
        var services = azurite.Shared.Services;
        var booking = services.GetRequiredService<BookingDirectory>();
        Assert.Equal([1, 2], (await booking.GetShopAsync(1, default))!.BarberIds);
        Assert.Equal((10, 20), ((await booking.GetShopAsync(1, default))!.OwnerId, (await booking.GetShopAsync(1, default))!.EnterpriseOwnerId));
        Assert.Equal([3], (await booking.GetShopAsync(2, default))!.BarberIds);
        Assert.Equal(20, (await booking.GetShopAsync(2, default))!.EnterpriseOwnerId);
        foreach (var (appointment, barber) in new[] { (1, 1), (20, 1), (21, 2), (40, 2), (41, 3), (50, 3) })
            Assert.Equal(barber, (await booking.GetAppointmentAsync(appointment, default))!.BarberId);
        Assert.Null(await booking.GetAppointmentAsync(51, default));

        var configs = services.GetRequiredService<PaymentConfigStore>();
        Assert.Equal(PaymentMode.Hybrid, (await configs.GetAsync(1, default)).PaymentMode);
        Assert.Equal(PaymentMode.Centralized, (await configs.GetAsync(2, default)).PaymentMode);
        Assert.Equal(0.20m, (await configs.GetAsync(3, default)).CommissionRate);
        Assert.True((await configs.GetAsync(3, default)).FallbackEnabled);
    }

    [Fact]
    public async Task SeedingAgain_ChangesNothing()
    {
        await using var host = await ApiHost.StartAsync(azurite);
        var booking = host.Services.GetRequiredService<BookingDirectory>();
        var before = await booking.GetAppointmentAsync(7, default);
        var configBefore = await host.Services.GetRequiredService<PaymentConfigStore>().GetAsync(1, default);

        await DemoWorld.SeedAsync(host.Services, default);

        Assert.Equal(before, await booking.GetAppointmentAsync(7, default));
        Assert.Equal(configBefore, await host.Services.GetRequiredService<PaymentConfigStore>().GetAsync(1, default));
    }
}

[Collection(AzuriteCollection.Name)]
public sealed class GlobalLookupTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task TheFirstClaimWins_AndEveryoneFindsTheOwner()
    {
        var lookup = azurite.Shared.Services.GetRequiredService<GlobalLookup>();
        var key = "square:" + Guid.NewGuid().ToString("N");

        var owners = await Task.WhenAll(Enumerable.Range(1, 6).Select(barber => lookup.ClaimAsync("external-txn", key, new LookupEntry(barber, barber * 100), default)));

        Assert.Single(owners.Distinct());
        Assert.Equal(owners[0], await lookup.FindAsync("external-txn", key, default));
        Assert.Equal(owners[0].BarberId * 100, owners[0].ObjectId);
        Assert.Null(await lookup.FindAsync("external-txn", key + "-other", default));
    }

    [Fact]
    public async Task KeysWithCharactersTableStorageForbids_StillWork_AndReleaseFreesThem()
    {
        var lookup = azurite.Shared.Services.GetRequiredService<GlobalLookup>();
        var key = $"1/stripe/acct#{Guid.NewGuid():N}?";
        Assert.Equal(4, (await lookup.ClaimAsync("connection-account", key, new LookupEntry(4), default)).BarberId);
        Assert.Equal(4, (await lookup.ClaimAsync("connection-account", key, new LookupEntry(5), default)).BarberId);

        await lookup.ReleaseAsync("connection-account", key, default);
        Assert.Equal(5, (await lookup.ClaimAsync("connection-account", key, new LookupEntry(5), default)).BarberId);
        Assert.Equal(7, (await lookup.ClaimAsync("connection", 123456789L, 7, default)).BarberId);
        Assert.Equal(7, await lookup.FindBarberAsync("connection", 123456789L, default));
    }
}
