using System.Text.Json;
using BookedBarber.DevHost;
using BookedBarber.Payments.Ledger;
using BookedBarber.Payments.Security;
using Microsoft.Extensions.DependencyInjection;

namespace BookedBarber.Payments.FunctionalTests.Analytics.SixFigure;

/// <summary>GET/PUT /unified-payment-analytics/six-figure-settings: defaults, who may change them, and strict validation.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class SixFigureSettingsTests(AzuriteFixture azurite)
{
    private const string Path = "unified-payment-analytics/six-figure-settings";

    [Fact]
    public async Task ABarberReadsTheDefaults_EnrolsAndSetsATarget_AndTheChangeIsStoredAndAudited()
    {
        await using var host = await ApiHost.StartAsync(azurite);
        var barber = host.BarberToken(2);

        var defaults = await ApiAssert.Json(await host.GetAsync(Path, barber), 200);
        Assert.Equal((2, 100000m, false), (defaults.GetProperty("barber_id").GetInt32(), defaults.GetProperty("annual_target").GetDecimal(), defaults.GetProperty("enrolled").GetBoolean()));
        Assert.Equal(JsonValueKind.Null, defaults.GetProperty("start_date").ValueKind);
        Assert.Equal(JsonValueKind.Null, defaults.GetProperty("updated_at").ValueKind);

        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        var enrolled = await ApiAssert.Json(await host.SendAsync(HttpMethod.Put, Path, barber, """{"annual_target": 120000.50, "enrolled": true}"""), 200);
        Assert.Equal(120000.50m, enrolled.GetProperty("annual_target").GetDecimal());
        Assert.True(enrolled.GetProperty("enrolled").GetBoolean());
        Assert.InRange(enrolled.GetProperty("start_date").GetDateTimeOffset(), before, DateTimeOffset.UtcNow.AddSeconds(1)); // enrolling starts now

        // An admin moves the start back; the owner of the barber's shop reads it.
        var byAdmin = await ApiAssert.Json(await host.SendAsync(HttpMethod.Put, Path + "?barber_id=2", host.AdminToken(), """{"start_date": "2026-01-15T00:00:00Z"}"""), 200);
        Assert.Equal("2026-01-15T00:00:00Z", byAdmin.GetProperty("start_date").GetString());
        var read = await ApiAssert.Json(await host.GetAsync(Path + "?barber_id=2", host.Token(DemoWorld.ShopOwnerId, Roles.ShopOwner)), 200);
        Assert.Equal((120000.50m, true, "2026-01-15T00:00:00Z"),
            (read.GetProperty("annual_target").GetDecimal(), read.GetProperty("enrolled").GetBoolean(), read.GetProperty("start_date").GetString()));

        // Leaving the program forgets the start.
        var left = await ApiAssert.Json(await host.SendAsync(HttpMethod.Put, Path, barber, """{"enrolled": false}"""), 200);
        Assert.Equal(JsonValueKind.Null, left.GetProperty("start_date").ValueKind);

        var audit = await host.Services.GetRequiredService<AuditLog>().RecentAsync(2, 10, default);
        Assert.Equal(3, audit.Count(a => a.Action == "six_figure_settings.updated"));
    }

    [Fact]
    public async Task OwnersMayReadButNotChange_AndAnotherTenantsBarberIs404()
    {
        var host = azurite.Shared;
        var owner = host.Token(DemoWorld.ShopOwnerId, Roles.ShopOwner);
        await ApiAssert.Error(await host.SendAsync(HttpMethod.Put, Path + "?barber_id=2", owner, """{"annual_target": 90000}"""), 403, "INSUFFICIENT_PERMISSIONS");
        await ApiAssert.Error(await host.GetAsync(Path + "?barber_id=3", owner), 404, "NOT_FOUND");             // barber 3 works in another owner's shop
        await ApiAssert.Error(await host.GetAsync(Path + "?barber_id=3", host.BarberToken(1)), 404, "NOT_FOUND");
        await ApiAssert.Error(await host.SendAsync(HttpMethod.Put, Path + "?barber_id=3", host.BarberToken(1), """{"annual_target": 90000}"""), 404, "NOT_FOUND");
        await ApiAssert.Error(await host.GetAsync(Path + "?barber_id=4242", host.AdminToken()), 404, "NOT_FOUND");
        await ApiAssert.Error(await host.GetAsync(Path, host.AdminToken()), 400, "VALIDATION_ERROR");                 // admin names the barber
        await ApiAssert.Error(await host.GetAsync(Path + "?barber_id=two", host.AdminToken()), 400, "VALIDATION_ERROR");
    }

    [Theory]
    [InlineData("""{}""", "annual_target")]
    [InlineData("""{"annual_target": 0}""", "annual_target")]
    [InlineData("""{"annual_target": -5}""", "annual_target")]
    [InlineData("""{"annual_target": 10000000.01}""", "annual_target")]
    [InlineData("""{"annual_target": 100000.001}""", "annual_target")]
    [InlineData("""{"annual_target": "100000"}""", "annual_target")]
    [InlineData("""{"enrolled": "yes"}""", "enrolled")]
    [InlineData("""{"enrolled": true, "start_date": "2999-01-01T00:00:00Z"}""", "start_date")]
    [InlineData("""{"enrolled": true, "start_date": "1999-12-31T00:00:00Z"}""", "start_date")]
    [InlineData("""{"enrolled": true, "start_date": "last tuesday"}""", "start_date")]
    [InlineData("""{"enrolled": false, "start_date": "2026-01-01T00:00:00Z"}""", "start_date")]
    [InlineData("""{"start_date": "2026-01-01T00:00:00Z"}""", "start_date")] // not enrolled: a start of nothing
    public async Task BadSettings_Are400_AndNothingChanges(string json, string field)
    {
        var host = azurite.Shared;
        var path = Path + "?barber_id=3";
        var before = (await ApiAssert.Json(await host.GetAsync(path, host.AdminToken()), 200)).GetRawText();
        var error = await ApiAssert.Error(await host.SendAsync(HttpMethod.Put, path, host.AdminToken(), json), 400, "VALIDATION_ERROR");
        Assert.Contains(field, error.GetRawText());
        Assert.Equal(before, (await ApiAssert.Json(await host.GetAsync(path, host.AdminToken()), 200)).GetRawText());
    }
}
