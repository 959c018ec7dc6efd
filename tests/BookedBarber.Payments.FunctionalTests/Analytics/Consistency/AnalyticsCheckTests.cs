using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;
using BookedBarber.DevHost;
using BookedBarber.Payments.Amounts;
using BookedBarber.Payments.Analytics.Rollups;
using BookedBarber.Payments.Analytics.Rollups.Storage;
using BookedBarber.Payments.Collections;
using BookedBarber.Payments.Configuration;
using BookedBarber.Payments.Ledger;
using BookedBarber.Payments.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace BookedBarber.Payments.FunctionalTests.Analytics.Consistency;

/// <summary>
/// <c>GET /internal/analytics/check</c> and <c>./dev.sh analytics check</c>: analytics (rollups, routing-stats, the
/// collections summary) agree with sums of the ledger rows to the cent, in the demo world and after random payment,
/// refund, sync and collection activity; a ledger row changed behind the rollups' back is found.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class AnalyticsCheckTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    private static Task<HttpResponseMessage> Check(ApiHost host, string? query = null, string? token = null) =>
        host.GetAsync("internal/analytics/check" + query, token ?? host.AdminToken());

    private async Task<JsonElement> CleanReportAsync(ApiHost host, int barbers)
    {
        var report = await ApiAssert.Json(await Check(host), 200);
        output.WriteLine(report.ToString());
        Assert.Equal(barbers, report.GetProperty("barbers_checked").GetInt32());
        Assert.True(report.GetProperty("figures_checked").GetInt32() > 100, "every period, mode and figure is compared");
        Assert.Empty(report.GetProperty("findings").EnumerateArray());
        return report;
    }

    [Fact]
    public async Task TheDemoWorld_AgreesWithItsLedger_AndTheCommandSaysSo()
    {
        await using var host = await ApiHost.StartAsync(azurite, seedHistory: true);

        await CleanReportAsync(host, barbers: 3);

        var environment = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [SettingNames.AuthSigningKey] = ApiHost.SigningKey }).Build();
        var options = new DevHostOptions { DataDirectory = Path.Combine(Path.GetTempPath(), "bookedbarber-tests", host.Prefix) };
        var printed = new StringWriter();
        Assert.Equal(0, await AnalyticsCheckCommand.RunAsync(["check", "--barber", "1"], options, environment, printed));
        Assert.Matches(@"^1 barbers, \d+ figures checked, 0 findings$", printed.ToString().TrimEnd().Split('\n')[^1].Trim());
    }

    [Fact]
    public async Task TheDemoWorld_IsReadFromStoredMonths_AndAStoredDayEditedBehindTheLedgersBack_IsFound()
    {
        await using var host = await ApiHost.StartAsync(azurite, seedHistory: true);
        var store = host.Services.GetRequiredService<RollupStore>();
        var reader = host.Services.GetRequiredService<RollupReader>();
        var calendar = await reader.CalendarAsync(2, default);
        // Seeding rebuilt every barber: past days are served from the month rows, so the check of the demo world compares those.
        foreach (var barber in new[] { 1, 2, 3 })
            Assert.True(await store.IsBuiltAsync(barber, (await reader.CalendarAsync(barber, default)).Zone, default), $"barber {barber} built");
        var stored = await store.ReadDaysAsync(2, calendar.Today.AddDays(-6), calendar.Today.AddDays(-1), default);
        Assert.NotEmpty(stored);

        // Plant: one stored past day of barber 2 gains a cent of volume (and of net), the ledger unchanged.
        var day = stored.First(d => d.Totals.Successes > 0);
        var cent = new Money(1, day.Totals.Currency);
        var edited = stored.Where(d => d.Day == day.Day).Select(d => d == day
            ? d with { Totals = d.Totals with { Volume = d.Totals.Volume + cent, NetEarnings = d.Totals.NetEarnings + cent } } : d).ToList();
        await store.MergeDaysAsync(2, day.Day, day.Day, edited, DateTimeOffset.UtcNow.AddMinutes(1), default);

        var report = await ApiAssert.Json(await Check(host, "?barber_id=2"), 200);
        output.WriteLine(report.ToString());
        var findings = report.GetProperty("findings").EnumerateArray().ToList();
        Assert.Contains(findings, f => f.GetProperty("check").GetString() == "rollups" && f.GetProperty("period").GetString() == "7_days"
            && f.GetProperty("figure").GetString() == $"{day.Mode}.volume"
            && f.GetProperty("actual").GetDecimal() - f.GetProperty("expected").GetDecimal() == 0.01m);
        Assert.Contains(findings, f => f.GetProperty("check").GetString() == "analytics" && f.GetProperty("figure").GetString() == "centralized_payments.total_volume");
        Assert.Contains(findings, f => f.GetProperty("check").GetString() == "routing_stats");
    }

    [Fact]
    public async Task AfterRandomActivity_NothingDisagrees_ThenAClaimChangedBehindTheRollupsBack_IsFound()
    {
        await using var host = await ApiHost.StartAsync(azurite, background: true,
            settings: new Dictionary<string, string?> { [SettingNames.CollectionNoticeDays] = "0" });
        var random = new Random(12);
        var ledger = host.Services.GetRequiredService<PaymentLedger>();
        var environment = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [SettingNames.AuthSigningKey] = ApiHost.SigningKey }).Build();
        var options = new DevHostOptions { DataDirectory = Path.Combine(Path.GetTempPath(), "bookedbarber-tests", host.Prefix) };
        async Task<string> Simulate(params string[] args)
        {
            var printed = new StringWriter();
            Assert.Equal(0, await SimulateCommand.RunAsync(args, options, environment, printed));
            return printed.ToString().TrimEnd().Split('\n')[^1].Trim();
        }
        string Amount() => (random.Next(20_00, 150_00) / 100m).ToString("0.00", CultureInfo.InvariantCulture);

        // Payments through the API: barber 1 (hybrid) on Square, declined, on the platform; barber 2 (centralized).
        (string Card, string? Preference)[] barber1 = [("cnon:card-nonce-ok", null), ("cnon:card-nonce-declined", null), ("tok_visa", "platform")];
        (string Card, string? Preference)[] barber2 = [("tok_visa", null), ("tok_chargeDeclined", null)];
        for (var i = 0; i < 12; i++)
        {
            var barber = random.Next(2) == 0 ? 1 : 2;
            var (card, preference) = barber == 1 ? barber1[random.Next(barber1.Length)] : barber2[random.Next(barber2.Length)];
            var amount = decimal.Parse(Amount(), CultureInfo.InvariantCulture);
            var appointment = await host.NewAppointmentAsync(barber, amount);
            var response = await host.ProcessAsync(barber, Payments.Body(appointment, card, null, preference, amount));
            Assert.True((int)response.StatusCode is 200 or 402 or 422, await response.Content.ReadAsStringAsync());
        }

        // Refunds and disputes of platform payments, as the platform's webhooks record them.
        foreach (var barber in new[] { 1, 2 })
            foreach (var paid in (await ledger.ListAsync(barber, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddMinutes(1), default))
                .Where(a => a.Status == AttemptStatus.Completed && a.Decision != "external"))
            {
                switch (random.Next(3))
                {
                    case 0: await ledger.RecordRefundAsync(barber, paid.RowKey, random.Next(1, (int)paid.Amount.Minor + 1), default); break;
                    case 1: await ledger.RecordDisputeAsync(barber, paid.RowKey, DateTimeOffset.UtcNow, default); break;
                }
            }

        // Payments at the chair on barber 1's Square location (three for a booking, so they bear commission; one not),
        // one partly refunded, brought in by a sync.
        var chair = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            var amount = (random.Next(100_00, 150_00) / 100m).ToString("0.00", CultureInfo.InvariantCulture);
            var booked = i < 3 ? ["--appointment", (await host.NewAppointmentAsync(1, decimal.Parse(amount, CultureInfo.InvariantCulture))).ToString(CultureInfo.InvariantCulture)] : Array.Empty<string>();
            chair.Add(await Simulate(["square-payment", "--barber", "1", "--amount", amount, .. booked]));
        }
        await Simulate("square-refund", "--payment", chair[0], "--amount", "5.00");
        var sync = await host.SendAsync(HttpMethod.Post, "external-payments/connections/1/sync", host.BarberToken(1));
        Assert.True(sync.IsSuccessStatusCode, await sync.Content.ReadAsStringAsync());

        // A collection of barber 1's commission, charged through the queue, then a refund of a payment it covered.
        await ApiAssert.Json(await host.SendAsync(HttpMethod.Post, "internal/collections/run", host.AdminToken(), """{"barber_ids":[1],"cutoff":"now"}"""), 202);
        var store = host.Services.GetRequiredService<CollectionStore>();
        IReadOnlyList<CommissionItem> claims = [];
        for (var i = 0; i < 150 && claims.Count == 0; i++)
        {
            await Task.Delay(200);
            claims = await store.ItemsAsync(1, default);
        }
        Assert.NotEmpty(claims);
        await Simulate("square-refund", "--payment", chair[1], "--amount", "3.00");
        sync = await host.SendAsync(HttpMethod.Post, "external-payments/connections/1/sync", host.BarberToken(1));
        Assert.True(sync.IsSuccessStatusCode, await sync.Content.ReadAsStringAsync());

        await CleanReportAsync(host, barbers: 3);

        // Plant: a claim's rate changed in storage without going through the collection code. The rollups take the
        // claimed rate, the ledger's definition the rate in force when processed: the commission owed disagrees.
        var claim = claims[0];
        var row = (await store.Ledger.GetEntityAsync<TableEntity>(LedgerPartition.For(1), claim.RowKey)).Value;
        row["Rate"] = "0.5";
        await store.Ledger.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Merge);

        var report = await ApiAssert.Json(await Check(host, "?barber_id=1"), 200);
        output.WriteLine(report.ToString());
        Assert.Equal(1, report.GetProperty("barbers_checked").GetInt32());
        var findings = report.GetProperty("findings").EnumerateArray().ToList();
        Assert.Contains(findings, f => f.GetProperty("period").GetString() == "all_time" && f.GetProperty("check").GetString() == "rollups"
            && f.GetProperty("figure").GetString() == "external.commission_owed" && f.GetProperty("currency").GetString() == "USD");
        // The analytics endpoint reads the same rollups, so its commission owed disagrees with the ledger too.
        Assert.Contains(findings, f => f.GetProperty("check").GetString() == "analytics" && f.GetProperty("figure").GetString() == "commission_data.total_amount");
        Assert.All(findings, f => Assert.Contains(f.GetProperty("figure").GetString(), new[] { "external.commission_owed", "external.net_earnings", "commission_data.total_amount" }));
        Assert.All(findings, f => Assert.NotEqual(f.GetProperty("expected").GetDecimal(), f.GetProperty("actual").GetDecimal()));
    }

    [Theory]
    [InlineData("?barber_id=0")]
    [InlineData("?barber_id=-3")]
    [InlineData("?barber_id=abc")]
    [InlineData("?barber_id=1.5")]
    public async Task ABarberIdThatIsNotAPositiveInteger_Is400(string query)
    {
        var error = await ApiAssert.Error(await Check(azurite.Shared, query), 400, "VALIDATION_ERROR");
        Assert.Equal("barber_id", error.GetProperty("details").GetProperty("field").GetString());
    }

    [Fact]
    public async Task AnUnknownBarber_Is404_AndOnlyOperatorsMayCheck()
    {
        var host = azurite.Shared;
        await ApiAssert.Error(await Check(host, "?barber_id=9999"), 404, "NOT_FOUND");
        await ApiAssert.Error(await Check(host, "?barber_id=1", host.BarberToken(1)), 403, "INSUFFICIENT_PERMISSIONS");
        await ApiAssert.Error(await Check(host, null, host.Token(DemoWorld.ShopOwnerId, Roles.ShopOwner)), 403, "INSUFFICIENT_PERMISSIONS");
    }

    [Theory]
    [InlineData("check", "--barber")]
    [InlineData("check", "--barber", "0")]
    [InlineData("check", "--barber", "x")]
    [InlineData("check", "--shop", "1")]
    [InlineData("rebuild")]
    public async Task TheCommand_RefusesBadArgumentsBeforeCallingAnything(params string[] args)
    {
        var options = new DevHostOptions { DataDirectory = Path.Combine(Path.GetTempPath(), "bookedbarber-tests", "no-such-host") };
        await Assert.ThrowsAsync<ArgumentException>(() => AnalyticsCheckCommand.RunAsync(args, options, new ConfigurationBuilder().Build(), new StringWriter()));
        Assert.Equal(args[0] == "check", AnalyticsCheckCommand.Handles(args));
    }
}
