using System.Text.Json;
using BookedBarber.DevHost;
using BookedBarber.Payments.Analytics.SixFigure;
using BookedBarber.Payments.Booking;
using BookedBarber.Payments.Ledger;
using BookedBarber.Payments.Security;
using Microsoft.Extensions.DependencyInjection;

namespace BookedBarber.Payments.FunctionalTests.Analytics.Probe;

/// <summary>
/// A hostile client against the analytics release: odd spellings of every query value, other tenants' ids, bodies of the
/// wrong shape. Every refusal is the contract's envelope with the right status and code, and changes nothing stored.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class AnalyticsProbeTests(AzuriteFixture azurite)
{
    private static readonly string[] BarberEndpoints =
    [
        "unified-payment-analytics/dashboard",
        "unified-payment-analytics/analytics",
        "unified-payment-analytics/revenue-optimization",
        "unified-payment-analytics/six-figure-insights",
        "unified-payment-analytics/six-figure-settings",
    ];

    private static async Task Expect(List<string> failures, string what, HttpResponseMessage response, int status, string? code, string? field = null)
    {
        var text = await response.Content.ReadAsStringAsync();
        if ((int)response.StatusCode != status) { failures.Add($"{what}: expected {status} {code}, got {(int)response.StatusCode}: {Cut(text)}"); return; }
        if (code is null) return;
        try
        {
            var error = JsonDocument.Parse(text).RootElement.GetProperty("error");
            if (error.GetProperty("code").GetString() != code) failures.Add($"{what}: code {error.GetProperty("code")} instead of {code}");
            if (field is not null && (!error.GetProperty("details").TryGetProperty("field", out var f) || f.GetString() != field))
                failures.Add($"{what}: details.field is not {field}: {Cut(text)}");
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            failures.Add($"{what}: not the error envelope: {Cut(text)}");
        }
    }

    private static string Cut(string text) => text.Length > 300 ? text[..300] : text;

    [Fact]
    public async Task Period_spellings_other_than_the_six_names_are_400_on_period()
    {
        var host = azurite.Shared;
        var failures = new List<string>();
        string[] bad = ["30_DAYS", "%2030_days", "30_days%20", "30_days%00", "30_days&period=30_days", "", "30", "30days", "All_Time", "1_YEAR", "7_days%0A",
            "%EF%BC%93%EF%BC%90_days"];
        foreach (var path in new[] { "unified-payment-analytics/analytics", "unified-payment-analytics/revenue-optimization" })
        foreach (var period in bad)
            await Expect(failures, $"{path} period={period}", await host.GetAsync($"{path}?period={period}", host.BarberToken(1)), 400, "VALIDATION_ERROR", "period");
        Assert.Empty(failures);
    }

    [Fact]
    public async Task Flags_other_than_true_or_false_are_400_naming_the_flag()
    {
        var host = azurite.Shared;
        var failures = new List<string>();
        string[] bad = ["yes", "1", "0", "", "TRUE", "True", "false%20", "true&{0}=true", "on", "null"];
        foreach (var flag in new[] { "include_projections", "include_six_figure_insights" })
        foreach (var value in bad)
        {
            var query = string.Format(value, flag);
            await Expect(failures, $"{flag}={query}", await host.GetAsync($"unified-payment-analytics/analytics?{flag}={query}", host.BarberToken(1)),
                400, "VALIDATION_ERROR", flag);
        }
        Assert.Empty(failures);
    }

    [Fact]
    public async Task Bad_barber_ids_are_400_and_other_tenants_barbers_are_404_on_every_analytics_read()
    {
        var host = azurite.Shared;
        var failures = new List<string>();
        var admin = host.AdminToken();
        foreach (var path in BarberEndpoints)
        {
            foreach (var id in new[] { "0", "-1", "99999999999", "%201", "1%20", "01", "+1", "1.0", "%D9%A1", "abc", "", "1&barber_id=1" })
                await Expect(failures, $"{path} barber_id={id}", await host.GetAsync($"{path}?barber_id={id}", admin), 400, "VALIDATION_ERROR", "barber_id");
            // Unknown barbers, users who are not barbers, and barbers of someone else's shop look the same: not found.
            foreach (var id in new[] { "424242", "10", "20", "900", "2147483647" })
                await Expect(failures, $"{path} admin barber_id={id}", await host.GetAsync($"{path}?barber_id={id}", admin), 404, "NOT_FOUND");
            await Expect(failures, $"{path} barber 1 reads barber 2", await host.GetAsync($"{path}?barber_id=2", host.BarberToken(1)), 404, "NOT_FOUND");
            await Expect(failures, $"{path} owner 11 reads barber 1",
                await host.GetAsync($"{path}?barber_id=1", host.Token(DemoWorld.SecondShopOwnerId, Roles.ShopOwner)), 404, "NOT_FOUND");
            await Expect(failures, $"{path} owner scoped to shop 2 reads barber 1",
                await host.GetAsync($"{path}?barber_id=1", host.Token(DemoWorld.EnterpriseOwnerId, Roles.EnterpriseOwner, shopId: 2)), 404, "NOT_FOUND");
            await Expect(failures, $"{path} owner without barber_id", await host.GetAsync(path, host.Token(DemoWorld.ShopOwnerId, Roles.ShopOwner)),
                400, "VALIDATION_ERROR", "barber_id");
            await Expect(failures, $"{path} barber without analytics:read",
                await host.GetAsync(path, host.Token(1, Roles.Barber, [Permissions.PaymentRead])), 403, "INSUFFICIENT_PERMISSIONS");
            await Expect(failures, $"{path} anonymous", await host.GetAsync(path), 401, null);
            await Expect(failures, $"{path} enterprise owner reads barber 3",
                await host.GetAsync($"{path}?barber_id=3", host.Token(DemoWorld.EnterpriseOwnerId, Roles.EnterpriseOwner)), 200, null);
        }
        Assert.Empty(failures);
    }

    [Fact]
    public async Task Shop_totals_of_another_owners_shop_are_404_and_bad_shop_ids_400()
    {
        var host = azurite.Shared;
        var failures = new List<string>();
        var owner2 = host.Token(DemoWorld.SecondShopOwnerId, Roles.ShopOwner);
        const string path = "unified-payment-analytics/analytics?barber_id=3";
        await Expect(failures, "owner 11 asks shop 1", await host.GetAsync($"{path}&shop_id=1", owner2), 404, "NOT_FOUND");
        await Expect(failures, "owner 11 asks unknown shop", await host.GetAsync($"{path}&shop_id=9999", owner2), 404, "NOT_FOUND");
        await Expect(failures, "barber 3 asks its shop", await host.GetAsync("unified-payment-analytics/analytics?shop_id=2", host.BarberToken(3)), 404, "NOT_FOUND");
        foreach (var id in new[] { "0", "-2", "x", "", "2&shop_id=2" })
            await Expect(failures, $"shop_id={id}", await host.GetAsync($"{path}&shop_id={id}", owner2), 400, "VALIDATION_ERROR", "shop_id");
        await Expect(failures, "owner 11 asks shop 2", await host.GetAsync($"{path}&shop_id=2", owner2), 200, null);
        // An enterprise owner's token scoped to shop 1 sees neither shop 2's barber nor shop 2's totals.
        var scoped = host.Token(DemoWorld.EnterpriseOwnerId, Roles.EnterpriseOwner, shopId: 1);
        await Expect(failures, "scoped enterprise owner asks shop 2", await host.GetAsync("unified-payment-analytics/analytics?barber_id=1&shop_id=2", scoped), 404, "NOT_FOUND");
        await Expect(failures, "scoped enterprise owner asks shop 1", await host.GetAsync("unified-payment-analytics/analytics?barber_id=1&shop_id=1", scoped), 200, null);
        Assert.Empty(failures);
    }

    [Fact]
    public async Task Six_figure_settings_refusals_store_nothing_and_write_no_audit()
    {
        await using var host = await ApiHost.StartAsync(azurite);
        var failures = new List<string>();
        const string path = "unified-payment-analytics/six-figure-settings";
        var future = DateTimeOffset.UtcNow.AddDays(2).ToString("yyyy-MM-ddTHH:mm:ssZ");
        string[] bodies =
        [
            """{"annual_target":"120000"}""", """{"annual_target":1e30}""", """{"annual_target":"NaN"}""", """{"annual_target":-5}""",
            """{"annual_target":0}""", """{"annual_target":100000.001}""", """{"annual_target":1e400}""", """{"annual_target":true}""",
            """{"annual_target":120000,"annual_target":130000}""", """{"enrolled":"true"}""", """{"enrolled":1}""",
            $$"""{"enrolled":true,"start_date":"{{future}}"}""", """{"enrolled":true,"start_date":"0001-01-01T00:00:00Z"}""",
            """{"enrolled":true,"start_date":"2026-13-01T00:00:00Z"}""", """{"enrolled":true,"start_date":"01/15/2026"}""",
            """{"enrolled":true,"start_date":1767225600}""", """{"enrolled":false,"start_date":"2026-01-15T00:00:00Z"}""",
            """{"start_date":"2026-01-15T00:00:00Z"}""", "{}", "[]", "null", "\"x\"", """{"annual_target":null,"enrolled":null}""",
            """{"Annual_Target":120000}""", """{"annual_target":120000""",
        ];
        foreach (var body in bodies)
        {
            var response = await host.SendAsync(HttpMethod.Put, path, host.BarberToken(1), body);
            if ((int)response.StatusCode != 400) failures.Add($"{body}: {(int)response.StatusCode} {Cut(await response.Content.ReadAsStringAsync())}");
        }
        // Owners may read but not set; another barber's settings are not found; a bad barber_id is 400 before anything is read.
        await Expect(failures, "owner sets", await host.SendAsync(HttpMethod.Put, $"{path}?barber_id=1", host.Token(DemoWorld.ShopOwnerId, Roles.ShopOwner),
            """{"annual_target":120000}"""), 403, "INSUFFICIENT_PERMISSIONS");
        await Expect(failures, "barber 1 sets barber 2", await host.SendAsync(HttpMethod.Put, $"{path}?barber_id=2", host.BarberToken(1),
            """{"annual_target":120000}"""), 404, "NOT_FOUND");
        await Expect(failures, "admin sets unknown barber", await host.SendAsync(HttpMethod.Put, $"{path}?barber_id=424242", host.AdminToken(),
            """{"annual_target":120000}"""), 404, "NOT_FOUND");

        var store = host.Services.GetRequiredService<SixFigureSettingsStore>();
        foreach (var barber in new[] { 1, 2, 424242 })
            if (await store.GetAsync(barber, CancellationToken.None) != SixFigureSettings.Default(barber)) failures.Add($"barber {barber}'s settings changed");
        var audit = host.Services.GetRequiredService<AuditLog>();
        foreach (var barber in new[] { 1, 2 })
            if ((await audit.RecentAsync(barber, 50, CancellationToken.None)).Any(e => e.Action.StartsWith("six_figure", StringComparison.Ordinal)))
                failures.Add($"barber {barber} has a six-figure audit entry");
        Assert.Empty(failures);
    }

    [Fact]
    public async Task Rebuild_and_check_refuse_bad_ids_and_non_admins()
    {
        var host = azurite.Shared;
        var failures = new List<string>();
        var admin = host.AdminToken();
        foreach (var body in new[] { "{}", """{"barber_id":0}""", """{"barber_id":-1}""", """{"barber_id":"1"}""", """{"barber_id":1.5}""",
                     """{"barber_id":1,"barber_id":2}""", "[]", "null", """{"barber_id":99999999999}""" })
            await Expect(failures, $"rebuild {body}", await host.SendAsync(HttpMethod.Post, "internal/analytics/rebuild", admin, body), 400, null);
        await Expect(failures, "rebuild unknown", await host.SendAsync(HttpMethod.Post, "internal/analytics/rebuild", admin, """{"barber_id":424242}"""), 404, "NOT_FOUND");
        await Expect(failures, "rebuild by barber", await host.SendAsync(HttpMethod.Post, "internal/analytics/rebuild", host.BarberToken(1), """{"barber_id":1}"""),
            403, "INSUFFICIENT_PERMISSIONS");
        foreach (var id in new[] { "0", "-1", "x", "", "01", "1&barber_id=2" })
            await Expect(failures, $"check barber_id={id}", await host.GetAsync($"internal/analytics/check?barber_id={id}", admin), 400, "VALIDATION_ERROR", "barber_id");
        await Expect(failures, "check unknown", await host.GetAsync("internal/analytics/check?barber_id=424242", admin), 404, "NOT_FOUND");
        await Expect(failures, "check by owner", await host.GetAsync("internal/analytics/check?barber_id=1", host.Token(DemoWorld.ShopOwnerId, Roles.ShopOwner)),
            403, "INSUFFICIENT_PERMISSIONS");
        foreach (var days in new[] { "0", "366", "-1", "x", "", "30&days=30", "1e2" })
            await Expect(failures, $"routing-stats days={days}", await host.GetAsync($"hybrid-payments/routing-stats/1?days={days}", host.BarberToken(1)),
                400, "VALIDATION_ERROR", "days");
        await Expect(failures, "routing-stats of another barber", await host.GetAsync("hybrid-payments/routing-stats/2", host.BarberToken(1)), 404, "NOT_FOUND");
        await Expect(failures, "routing-stats of unknown", await host.GetAsync("hybrid-payments/routing-stats/424242", admin), 404, "NOT_FOUND");
        Assert.Empty(failures);
    }

    [Fact]
    public async Task Shop_time_zones_are_IANA_names_only_and_refusals_keep_the_shop()
    {
        await using var host = await ApiHost.StartAsync(azurite);
        var failures = new List<string>();
        const string shop = """{"name":"Fade Factory Downtown","owner_id":10,"enterprise_owner_id":20,"barber_ids":[1,2]""";
        foreach (var zone in new[] { "america/new_york", "AMERICA/NEW_YORK", "utc", "../../../etc/passwd", "/usr/share/zoneinfo/UTC", "right/UTC",
                     "posix/America/New_York", "localtime", "America/New_York\\u0000", "America/New_York\\n", "GMT+5", "UTC+01:00", "Z", "Local" })
            await Expect(failures, $"time_zone {zone}", await host.SendAsync(HttpMethod.Put, "internal/booking/shops/1", host.AdminToken(),
                shop + $$""","time_zone":"{{zone}}"}"""), 400, "VALIDATION_ERROR", "time_zone");
        var stored = await host.Services.GetRequiredService<BookingDirectory>().GetShopAsync(1, CancellationToken.None);
        if (stored!.TimeZone != "America/New_York") failures.Add($"shop 1's zone is now {stored.TimeZone}");
        foreach (var zone in new[] { "UTC", "Etc/UTC", "Etc/GMT+5", "US/Eastern", "Australia/Lord_Howe", "Asia/Kathmandu", "America/Santiago" })
            await Expect(failures, $"time_zone {zone}", await host.SendAsync(HttpMethod.Put, "internal/booking/shops/1", host.AdminToken(),
                shop + $$""","time_zone":"{{zone}}"}"""), 200, null);
        Assert.Empty(failures);
    }
}
