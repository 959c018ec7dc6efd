using Azure.Data.Tables;
using BookedBarber.Payments.Booking;
using BookedBarber.Payments.Amounts;
using BookedBarber.Payments.Storage;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace BookedBarber.Payments.FunctionalTests;

[Collection(AzuriteCollection.Name)]
public sealed class InstanceCacheTests(AzuriteFixture azurite)
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2030, 1, 1, 12, 0, 0, TimeSpan.Zero));

    private StorageAccount Storage => azurite.Shared.Storage;

    private static int NewAppointmentId() => Random.Shared.Next(1_000_000, int.MaxValue);

    private static Appointment Appointment(int id, long priceMinor) =>
        new(id, 1, 5, "Client", "Cut", new DateTimeOffset(2030, 1, 2, 10, 0, 0, TimeSpan.Zero), new Money(priceMinor, Currency.Usd));

    [Fact]
    public async Task AnAppointment_IsReadOnceForTwoSecondsOfTheAppClock_ThenAgain()
    {
        var directory = new BookingDirectory(Storage, InstanceCaches.Create(_clock, 100));
        var id = NewAppointmentId();
        await directory.UpsertAppointmentAsync(Appointment(id, 7500), default);
        Assert.Equal(7500, (await directory.GetAppointmentAsync(id, default))!.Price.Minor);

        // Another instance changes the price: this one sees it only once its copy has expired.
        await new BookingDirectory(Storage, InstanceCaches.Create(_clock, 100)).UpsertAppointmentAsync(Appointment(id, 8000), default);
        _clock.Advance(BookingDirectory.KeepAppointmentsFor - TimeSpan.FromMilliseconds(1));
        Assert.Equal(7500, (await directory.GetAppointmentAsync(id, default))!.Price.Minor);
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(8000, (await directory.GetAppointmentAsync(id, default))!.Price.Minor);
    }

    [Fact]
    public async Task AnAppointmentWrittenThroughThisInstance_IsSeenAtOnce()
    {
        var directory = new BookingDirectory(Storage, InstanceCaches.Create(_clock, 100));
        var id = NewAppointmentId();
        Assert.Null(await directory.GetAppointmentAsync(id, default));

        await directory.UpsertAppointmentAsync(Appointment(id, 7500), default);
        Assert.Equal(7500, (await directory.GetAppointmentAsync(id, default))!.Price.Minor);
        await directory.UpsertAppointmentAsync(Appointment(id, 9000), default);
        Assert.Equal(9000, (await directory.GetAppointmentAsync(id, default))!.Price.Minor);
    }

    [Fact]
    public void ACache_NeverHoldsMoreThanItsLimit()
    {
        var cache = (MemoryCache)InstanceCaches.Create(_clock, 3);

        for (var i = 0; i < 10; i++) cache.Keep(i, i, TimeSpan.FromMinutes(1));

        Assert.InRange(cache.Count, 1, 3);
    }

    [Fact]
    public void TheAppCaches_AreBoundedAndSeparatePerPurpose()
    {
        var services = azurite.Shared.Services;
        var caches = new[] { InstanceCaches.Appointments, InstanceCaches.BarberProcessors, InstanceCaches.ProcessorHealth, InstanceCaches.RateLimitCounters }
            .Select(key => services.GetRequiredKeyedService<IMemoryCache>(key))
            .ToArray();

        Assert.Equal(caches.Length, caches.Distinct().Count());
        Assert.Throws<InvalidOperationException>(() => caches[0].Set("unsized", 1)); // A size limit is set: every entry must carry a size.
    }
}
