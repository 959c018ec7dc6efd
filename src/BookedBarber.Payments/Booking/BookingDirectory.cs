using System.Globalization;
using Azure.Data.Tables;
using BookedBarber.Payments.Amounts;
using BookedBarber.Payments.Storage;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;

namespace BookedBarber.Payments.Booking;

/// <summary>
/// The booking platform's read model in Table Storage: shops (with owners and barbers), each barber's shops,
/// and appointments. One partition per object, so every lookup is a point read.
/// </summary>
public sealed class BookingDirectory(StorageAccount storage, [FromKeyedServices(InstanceCaches.Appointments)] IMemoryCache appointments)
{
    // Appointments are read on every route and payment and change rarely: kept two seconds per instance.
    public static readonly TimeSpan KeepAppointmentsFor = TimeSpan.FromSeconds(2);

    /// <summary>How long an instance keeps "this barber exists" before asking storage again.</summary>
    public static readonly TimeSpan KeepKnownBarbersFor = TimeSpan.FromMinutes(5);

    /// <summary>How many appointments an instance keeps at most.</summary>
    public const long MaxCachedAppointments = 50_000;

    private TableClient Table => storage.Table(storage.Names.Booking);

    public async Task<Shop?> GetShopAsync(int shopId, CancellationToken cancellationToken)
    {
        var found = await Table.GetEntityIfExistsAsync<TableEntity>(ShopKey(shopId), "shop", cancellationToken: cancellationToken);
        return found.HasValue ? ToShop(found.Value!) : null;
    }

    public async Task<BarberMembership> GetMembershipAsync(int barberId, CancellationToken cancellationToken)
    {
        var found = await Table.GetEntityIfExistsAsync<TableEntity>(BarberKey(barberId), "barber", cancellationToken: cancellationToken);
        return new BarberMembership(barberId, found.HasValue ? Ids(found.Value!.GetString("ShopIds")) : []);
    }

    /// <summary>Whether the booking platform has told us of this barber (a shop lists them, or once did).</summary>
    /// <remarks>A barber once known stays known (the feed never removes the row), so that answer is kept longer than an unknown one.</remarks>
    public async Task<bool> KnowsBarberAsync(int barberId, CancellationToken cancellationToken)
    {
        var key = (nameof(KnowsBarberAsync), barberId);
        if (appointments.TryGetValue(key, out bool known)) return known;
        known = (await Table.GetEntityIfExistsAsync<TableEntity>(BarberKey(barberId), "barber", select: ["PartitionKey"], cancellationToken: cancellationToken)).HasValue;
        return appointments.Keep(key, known, known ? KeepKnownBarbersFor : KeepAppointmentsFor);
    }

    /// <param name="fresh">Read storage, never this instance's copy (the feed decides on what is stored).</param>
    public async Task<Appointment?> GetAppointmentAsync(int appointmentId, CancellationToken cancellationToken, bool fresh = false)
    {
        if (!fresh && appointments.TryGetValue(appointmentId, out Appointment? recent)) return recent;
        var found = await Table.GetEntityIfExistsAsync<TableEntity>(AppointmentKey(appointmentId), "appointment", cancellationToken: cancellationToken);
        // Absent appointments are kept too: a burst of calls naming an unknown one reads once.
        return appointments.Keep(appointmentId, found.HasValue ? ToAppointment(found.Value!) : null, KeepAppointmentsFor);
    }

    /// <summary>Creates or replaces a shop and moves barbers in or out of it. Returns true when the shop is new.</summary>
    public async Task<bool> UpsertShopAsync(Shop shop, CancellationToken cancellationToken)
    {
        var previous = await GetShopAsync(shop.Id, cancellationToken);
        await Table.UpsertEntityAsync(new TableEntity(ShopKey(shop.Id), "shop")
        {
            ["Name"] = shop.Name,
            ["OwnerId"] = shop.OwnerId,
            ["EnterpriseOwnerId"] = shop.EnterpriseOwnerId,
            ["BarberIds"] = Join(shop.BarberIds),
        }, TableUpdateMode.Replace, cancellationToken);

        var before = previous?.BarberIds ?? [];
        foreach (var barberId in shop.BarberIds.Except(before)) await ChangeMembershipAsync(barberId, shop.Id, add: true, cancellationToken);
        foreach (var barberId in before.Except(shop.BarberIds)) await ChangeMembershipAsync(barberId, shop.Id, add: false, cancellationToken);
        return previous is null;
    }

    /// <summary>
    /// Creates or replaces an appointment. Returns true when it is new. Before an existing one is replaced,
    /// <paramref name="replacing"/> sees it as stored and may refuse the change by throwing.
    /// </summary>
    public async Task<bool> UpsertAppointmentAsync(Appointment appointment, CancellationToken cancellationToken,
        Func<Appointment, Task>? replacing = null)
    {
        if (await AddAppointmentIfAbsentAsync(appointment, cancellationToken)) return true;
        if (replacing is not null && await GetAppointmentAsync(appointment.Id, cancellationToken, fresh: true) is { } before)
            await replacing(before);
        await Table.UpsertEntityAsync(ToEntity(appointment), TableUpdateMode.Replace, cancellationToken);
        appointments.Remove(appointment.Id);
        return false;
    }

    /// <summary>Adds an appointment only if it does not exist yet (idempotent seeding).</summary>
    public async Task<bool> AddAppointmentIfAbsentAsync(Appointment appointment, CancellationToken cancellationToken)
    {
        appointments.Remove(appointment.Id);
        return await Table.TryAddEntityAsync(ToEntity(appointment), cancellationToken);
    }

    private Task ChangeMembershipAsync(int barberId, int shopId, bool add, CancellationToken cancellationToken)
    {
        appointments.Remove((nameof(KnowsBarberAsync), barberId));
        return Table.UpdateAsync(BarberKey(barberId), "barber", found =>
        {
            var shops = Ids(found?.GetString("ShopIds")).ToList();
            if (add == shops.Contains(shopId)) return EntityChanges.Keep(false);
            if (add) shops.Add(shopId); else shops.Remove(shopId);
            return EntityChanges.Write(new TableEntity(BarberKey(barberId), "barber") { ["ShopIds"] = Join(shops.Order()) }, true);
        }, cancellationToken);
    }

    private static TableEntity ToEntity(Appointment a) => new(AppointmentKey(a.Id), "appointment")
    {
        ["BarberId"] = a.BarberId,
        ["ClientId"] = a.ClientId,
        ["ClientName"] = a.ClientName,
        ["ServiceName"] = a.ServiceName,
        ["StartTime"] = a.StartTime,
        ["PriceMinor"] = a.Price.Minor,
        ["Currency"] = a.Price.Currency.Code,
    };

    private static Appointment ToAppointment(TableEntity e)
    {
        Currency.TryParse(e.GetString("Currency"), out var currency);
        return new Appointment(
            int.Parse(e.PartitionKey["appt-".Length..], CultureInfo.InvariantCulture),
            e.GetInt32("BarberId") ?? 0,
            e.GetInt32("ClientId") ?? 0,
            e.GetString("ClientName"),
            e.GetString("ServiceName") ?? "",
            e.GetDateTimeOffset("StartTime") ?? default,
            new Money(e.GetInt64("PriceMinor") ?? 0, currency ?? Currency.Usd));
    }

    private static Shop ToShop(TableEntity e) => new(
        int.Parse(e.PartitionKey["shop-".Length..], CultureInfo.InvariantCulture),
        e.GetString("Name") ?? "",
        e.GetInt32("OwnerId") ?? 0,
        e.GetInt32("EnterpriseOwnerId"),
        Ids(e.GetString("BarberIds")));

    private static string ShopKey(int id) => $"shop-{id}";

    private static string BarberKey(int id) => $"barber-{id}";

    private static string AppointmentKey(int id) => $"appt-{id}";

    private static string Join(IEnumerable<int> ids) => string.Join(',', ids);

    private static IReadOnlyList<int> Ids(string? csv) =>
        string.IsNullOrEmpty(csv) ? [] : csv.Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToList();
}
