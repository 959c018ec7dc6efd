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

    /// <summary>
    /// The time zone the barber's days are counted in: that of the first of their shops (lowest id) that names one; UTC
    /// when none does. Kept briefly like appointments, so a busy analytics reader does not read the shops every call.
    /// </summary>
    public async Task<TimeZoneInfo> TimeZoneOfBarberAsync(int barberId, CancellationToken cancellationToken)
    {
        var key = (nameof(TimeZoneOfBarberAsync), barberId);
        if (appointments.TryGetValue(key, out TimeZoneInfo? zone)) return zone!;
        string? name = null;
        foreach (var shopId in (await GetMembershipAsync(barberId, cancellationToken)).ShopIds.Order())
        {
            if ((await GetShopAsync(shopId, cancellationToken))?.TimeZone is { } named) { name = named; break; }
        }
        return appointments.Keep(key, ShopTimeZone.OrUtc(name), KeepAppointmentsFor);
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
            ["TimeZone"] = shop.TimeZone,
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
        var before = await GetAppointmentAsync(appointment.Id, cancellationToken, fresh: true);
        if (replacing is not null && before is not null) await replacing(before);
        await Table.UpsertEntityAsync(ToEntity(appointment), TableUpdateMode.Replace, cancellationToken);
        appointments.Remove(appointment.Id);
        // The barber's time index follows: the new row, and the old one gone when the barber or the start moved.
        await Table.UpsertEntityAsync(ToIndexEntity(appointment), TableUpdateMode.Replace, cancellationToken);
        if (before is not null && (IndexPartition(before.BarberId), IndexRow(before)) != (IndexPartition(appointment.BarberId), IndexRow(appointment)))
            await Table.DeleteEntityAsync(IndexPartition(before.BarberId), IndexRow(before), cancellationToken: cancellationToken);
        return false;
    }

    /// <summary>Adds an appointment only if it does not exist yet (idempotent seeding), with its row in the barber's time index.</summary>
    public async Task<bool> AddAppointmentIfAbsentAsync(Appointment appointment, CancellationToken cancellationToken)
    {
        appointments.Remove(appointment.Id);
        // Both inserts at once, so a new appointment costs the feed one round trip, not two.
        var added = Table.TryAddEntityAsync(ToEntity(appointment), cancellationToken);
        var indexed = Table.TryAddEntityAsync(ToIndexEntity(appointment), cancellationToken);
        await Task.WhenAll(added, indexed);
        // The appointment existed: its own index row stands (ours was refused) or names another time (ours is stale).
        if (!added.Result && indexed.Result)
            await Table.DeleteEntityAsync(IndexPartition(appointment.BarberId), IndexRow(appointment), cancellationToken: cancellationToken);
        return added.Result;
    }

    /// <summary>Every barber the booking platform has told us of, in order (one range query over the barber rows' partitions).</summary>
    public async Task<IReadOnlyList<int>> ListBarbersAsync(CancellationToken cancellationToken)
    {
        var barbers = new List<int>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey ge {"barber-"} and PartitionKey lt {"barber."} and RowKey eq {"barber"}");
        await foreach (var e in Table.QueryAsync<TableEntity>(filter, select: ["PartitionKey"], cancellationToken: cancellationToken))
            if (int.TryParse(e.PartitionKey["barber-".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var id)) barbers.Add(id);
        return [.. barbers.Order()];
    }

    /// <summary>
    /// The barber's appointments starting in [<paramref name="from"/>, <paramref name="to"/>], earliest first: one range
    /// read of the barber's time index (the reconciler's "which booking did this payment pay").
    /// </summary>
    public async Task<IReadOnlyList<Appointment>> ListAppointmentsAsync(int barberId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var partition = IndexPartition(barberId);
        var low = TimeKey(from);
        var high = TimeKey(to) + ".";
        var found = new List<Appointment>();
        await foreach (var e in Table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {low} and RowKey lt {high}"),
            cancellationToken: cancellationToken))
            found.Add(FromIndexEntity(e));
        return found;
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

    // Index rows: partition per barber, row "{start ticks}-{id}", so a time range is one range read. They copy the
    // appointment, so the reconciler reads no appointment row.
    public static TableEntity ToIndexEntity(Appointment a)
    {
        var entity = ToEntity(a);
        entity.PartitionKey = IndexPartition(a.BarberId);
        entity.RowKey = IndexRow(a);
        entity["AppointmentId"] = a.Id;
        return entity;
    }

    private static Appointment FromIndexEntity(TableEntity e) => ToAppointment(e, e.GetInt32("AppointmentId") ?? 0);

    private static string IndexPartition(int barberId) => $"appts-of-{barberId}";

    private static string IndexRow(Appointment a) => $"{TimeKey(a.StartTime)}-{a.Id.ToString("D10", CultureInfo.InvariantCulture)}";

    private static string TimeKey(DateTimeOffset at) => at.UtcTicks.ToString("D19", CultureInfo.InvariantCulture);

    private static Appointment ToAppointment(TableEntity e) => ToAppointment(e, int.Parse(e.PartitionKey["appt-".Length..], CultureInfo.InvariantCulture));

    private static Appointment ToAppointment(TableEntity e, int id)
    {
        Currency.TryParse(e.GetString("Currency"), out var currency);
        return new Appointment(
            id,
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
        Ids(e.GetString("BarberIds")),
        e.GetString("TimeZone"));

    private static string ShopKey(int id) => $"shop-{id}";

    private static string BarberKey(int id) => $"barber-{id}";

    private static string AppointmentKey(int id) => $"appt-{id}";

    private static string Join(IEnumerable<int> ids) => string.Join(',', ids);

    private static IReadOnlyList<int> Ids(string? csv) =>
        string.IsNullOrEmpty(csv) ? [] : csv.Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToList();
}
