using System.Text.Json;
using Azure.Data.Tables;
using BookedBarber.Payments.Ledger;
using BookedBarber.Payments.Security;
using Microsoft.Extensions.DependencyInjection;

namespace BookedBarber.Payments.FunctionalTests;

[Collection(AzuriteCollection.Name)]
public sealed class PaymentConfigTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task ABarberReadsTheirSeededConfig_WithTheMigrationGuidesDefaults()
    {
        var config = await ApiAssert.Json(await azurite.Shared.GetAsync("hybrid-payments/config", azurite.Shared.BarberToken(1)), 200);
        Assert.Equal("hybrid", config.GetProperty("payment_mode").GetString());
        Assert.Equal("square", config.GetProperty("preferred_processor").GetString());
        Assert.Equal(0.20m, config.GetProperty("commission_rate").GetDecimal());
        Assert.True(config.GetProperty("fallback_enabled").GetBoolean());
        Assert.Equal("weekly", config.GetProperty("commission_collection_frequency").GetString());
    }

    [Fact]
    public async Task ABarberChangesTheirRouting_OnlyTheFieldsSentChange_AndTheChangeIsAudited()
    {
        await using var host = await ApiHost.StartAsync(azurite);
        var barber = host.BarberToken(1);
        var updated = await ApiAssert.Json(await host.SendAsync(HttpMethod.Put, "hybrid-payments/config", barber,
            """{"min_external_amount": 20.00, "split_threshold": 50, "fallback_enabled": false}"""), 200);

        Assert.Equal("20.00", updated.GetProperty("min_external_amount").GetRawText());
        Assert.Equal(50.00m, updated.GetProperty("split_threshold").GetDecimal());
        Assert.False(updated.GetProperty("fallback_enabled").GetBoolean());
        Assert.Equal("hybrid", updated.GetProperty("payment_mode").GetString());

        var cleared = await ApiAssert.Json(await host.SendAsync(HttpMethod.Put, "hybrid-payments/config", barber, """{"split_threshold": null}"""), 200);
        Assert.Equal(JsonValueKind.Null, cleared.GetProperty("split_threshold").ValueKind);
        Assert.Equal(20.00m, cleared.GetProperty("min_external_amount").GetDecimal());

        // A change that changes nothing is no change: same effective_from, nothing audited.
        var unchanged = await ApiAssert.Json(await host.SendAsync(HttpMethod.Put, "hybrid-payments/config", barber, """{"fallback_enabled": false, "payment_mode": "hybrid"}"""), 200);
        Assert.Equal(cleared.GetProperty("effective_from").GetString(), unchanged.GetProperty("effective_from").GetString());
        await ApiAssert.Json(await host.SendAsync(HttpMethod.Put, "hybrid-payments/config", barber, "{}"), 200);

        var audit = await host.Services.GetRequiredService<AuditLog>().RecentAsync(1, 10, default);
        Assert.Equal(2, audit.Count);
        Assert.All(audit, a => Assert.Equal(("payment_config.updated", 1, Roles.Barber), (a.Action, a.ActorId, a.ActorRole)));
        Assert.Contains("\"split_threshold\":50", audit[1].After);
    }

    [Fact]
    public async Task OwnersAndAdmins_ManageTheirBarbersConfig_OthersSee404()
    {
        await using var host = await ApiHost.StartAsync(azurite);
        await ApiAssert.Json(await host.SendAsync(HttpMethod.Put, "hybrid-payments/config/2", host.Token(10, Roles.ShopOwner), """{"payment_mode":"hybrid"}"""), 200);
        await ApiAssert.Error(await host.SendAsync(HttpMethod.Put, "hybrid-payments/config/3", host.Token(10, Roles.ShopOwner), """{"payment_mode":"hybrid"}"""), 404, "NOT_FOUND");
        await ApiAssert.Error(await host.GetAsync("hybrid-payments/config/2", host.BarberToken(1)), 404, "NOT_FOUND");
        var byAdmin = await ApiAssert.Json(await host.SendAsync(HttpMethod.Put, "hybrid-payments/config/3", host.AdminToken(), """{"commission_rate":0.15}"""), 200);
        Assert.Equal(0.15m, byAdmin.GetProperty("commission_rate").GetDecimal());
        Assert.Equal("hybrid", (await ApiAssert.Json(await host.GetAsync("hybrid-payments/config/2", host.AdminToken()), 200)).GetProperty("payment_mode").GetString());
    }

    [Theory]
    [InlineData("""{"commission_rate": 1.5}""", 403, "INSUFFICIENT_PERMISSIONS", null)] // commission terms are the platform's
    [InlineData("""{"payment_mode": "sometimes"}""", 400, "VALIDATION_ERROR", "payment_mode")]
    [InlineData("""{"payment_mode": 1}""", 400, "VALIDATION_ERROR", "payment_mode")]
    [InlineData("""{"preferred_processor": "venmo"}""", 400, "VALIDATION_ERROR", "preferred_processor")]
    [InlineData("""{"min_external_amount": -5}""", 400, "INVALID_PAYMENT_AMOUNT", "min_external_amount")]
    [InlineData("""{"min_external_amount": 10.555}""", 400, "INVALID_PAYMENT_AMOUNT", "min_external_amount")]
    [InlineData("""{"min_external_amount": 100, "max_platform_amount": 50}""", 400, "VALIDATION_ERROR", "min_external_amount")]
    [InlineData("""{"min_external_amount": 40, "split_threshold": 30}""", 400, "VALIDATION_ERROR", "split_threshold")]
    [InlineData("""{"fallback_enabled": "yes"}""", 400, "VALIDATION_ERROR", "fallback_enabled")]
    [InlineData("""{"currency": "XYZ"}""", 400, "UNSUPPORTED_CURRENCY", "currency")]
    [InlineData("""{"currency": 978}""", 400, "VALIDATION_ERROR", "currency")]
    [InlineData("""{"currency": "JPY", "min_external_amount": 10.5}""", 400, "INVALID_PAYMENT_AMOUNT", "min_external_amount")]
    [InlineData("""{"fallback_enabled": """, 400, "INVALID_JSON", null)]
    public async Task BadChanges_AreRefused_AndTheConfigIsUnchanged(string json, int status, string code, string? field)
    {
        var host = azurite.Shared;
        var before = (await ApiAssert.Json(await host.GetAsync("hybrid-payments/config/3", host.AdminToken()), 200)).GetRawText();
        var error = await ApiAssert.Error(await host.SendAsync(HttpMethod.Put, "hybrid-payments/config", host.BarberToken(3), json), status, code);
        if (field is not null) Assert.Equal(field, error.GetProperty("details").GetProperty("field").GetString());
        Assert.Equal(before, (await ApiAssert.Json(await host.GetAsync("hybrid-payments/config/3", host.AdminToken()), 200)).GetRawText());
    }

    [Fact]
    public async Task ThresholdsCarryTheConfigsCurrency_AndACurrencyChangeMustResendOrClearThem()
    {
        await using var host = await ApiHost.StartAsync(azurite);
        var barber = host.BarberToken(1);
        Assert.Equal("USD", (await ApiAssert.Json(await host.GetAsync("hybrid-payments/config", barber), 200)).GetProperty("currency").GetString());

        var euro = await ApiAssert.Json(await host.SendAsync(HttpMethod.Put, "hybrid-payments/config", barber,
            """{"currency": "eur", "min_external_amount": 20, "split_threshold": 60}"""), 200);
        Assert.Equal(("EUR", "20.00", "60.00"), (euro.GetProperty("currency").GetString(), euro.GetProperty("min_external_amount").GetRawText(), euro.GetProperty("split_threshold").GetRawText()));

        // A threshold sent without a currency is read in the stored one.
        var later = await ApiAssert.Json(await host.SendAsync(HttpMethod.Put, "hybrid-payments/config", barber, """{"split_threshold": 70}"""), 200);
        Assert.Equal(("EUR", 70.00m), (later.GetProperty("currency").GetString(), later.GetProperty("split_threshold").GetDecimal()));

        // Changing the currency while thresholds are set, without sending them again, converts and clears nothing: refused.
        var before = (await ApiAssert.Json(await host.GetAsync("hybrid-payments/config", barber), 200)).GetRawText();
        var error = await ApiAssert.Error(await host.SendAsync(HttpMethod.Put, "hybrid-payments/config", barber,
            """{"currency": "GBP", "split_threshold": 50}"""), 400, "VALIDATION_ERROR");
        Assert.Equal(("currency", "min_external_amount", "EUR"), (error.GetProperty("details").GetProperty("field").GetString(),
            error.GetProperty("details").GetProperty("threshold").GetString(), error.GetProperty("details").GetProperty("threshold_currency").GetString()));
        Assert.Equal(before, (await ApiAssert.Json(await host.GetAsync("hybrid-payments/config", barber), 200)).GetRawText());

        var pounds = await ApiAssert.Json(await host.SendAsync(HttpMethod.Put, "hybrid-payments/config", barber,
            """{"currency": "GBP", "min_external_amount": null, "split_threshold": 50}"""), 200);
        Assert.Equal(("GBP", JsonValueKind.Null, 50.00m), (pounds.GetProperty("currency").GetString(), pounds.GetProperty("min_external_amount").ValueKind, pounds.GetProperty("split_threshold").GetDecimal()));
    }

    [Fact]
    public async Task AConfigStoredBeforeConfigsHadACurrency_IsReadInUsd()
    {
        await using var host = await ApiHost.StartAsync(azurite);
        // The row as it was written before the currency column existed.
        await host.Storage.Table(host.Storage.Names.Ledger).UpsertEntityAsync(new TableEntity(LedgerPartition.For(2), LedgerPartition.ConfigRow)
        {
            ["PaymentMode"] = "Hybrid", ["FallbackEnabled"] = true, ["MinExternalAmountMinor"] = 2500L, ["CommissionRate"] = "0.2",
        }, TableUpdateMode.Replace);

        var config = await ApiAssert.Json(await host.GetAsync("hybrid-payments/config/2", host.AdminToken()), 200);
        Assert.Equal(("USD", "25.00"), (config.GetProperty("currency").GetString(), config.GetProperty("min_external_amount").GetRawText()));
    }

    [Theory]
    [InlineData("hybrid-payments/config/99999")]
    [InlineData("hybrid-payments/options/99999")]
    [InlineData("hybrid-payments/options/99999?amount=75.00")]
    public async Task AnAdminReadingABarberNobodyKnows_Gets404_NotInventedSettings(string path)
    {
        var error = await ApiAssert.Error(await azurite.Shared.GetAsync(path, azurite.Shared.AdminToken()), 404, "NOT_FOUND");
        Assert.Equal("barber", error.GetProperty("details").GetProperty("resource").GetString());
    }

    [Fact]
    public async Task AnAdminWritingABarberNobodyKnows_Gets404_AndNothingIsStored()
    {
        await using var host = await ApiHost.StartAsync(azurite);
        await ApiAssert.Error(await host.SendAsync(HttpMethod.Put, "hybrid-payments/config/99998", host.AdminToken(), """{"payment_mode":"centralized"}"""), 404, "NOT_FOUND");
        Assert.Empty(await host.Services.GetRequiredService<AuditLog>().RecentAsync(99998, 10, default));
    }

    [Theory]
    [InlineData(10, Roles.ShopOwner)]
    [InlineData(20, Roles.EnterpriseOwner)]
    [InlineData(900, Roles.Admin)]
    public async Task SomeoneWhoIsNotABarber_HasNoOwnConfig_AndCannotCreateOne(int userId, string role)
    {
        await using var host = await ApiHost.StartAsync(azurite);
        var token = host.Token(userId, role);
        await ApiAssert.Error(await host.SendAsync(HttpMethod.Put, "hybrid-payments/config", token, """{"payment_mode":"decentralized"}"""), 403, "INSUFFICIENT_PERMISSIONS");
        await ApiAssert.Error(await host.GetAsync("hybrid-payments/config", token), 403, "INSUFFICIENT_PERMISSIONS");
        await ApiAssert.Error(await host.GetAsync("hybrid-payments/my-options", token), 403, "INSUFFICIENT_PERMISSIONS");
        Assert.Empty(await host.Services.GetRequiredService<AuditLog>().RecentAsync(userId, 10, default));
    }

    [Fact]
    public async Task ABarberTheBookingPlatformDoesNotKnow_Gets404ForTheirOwnConfig()
    {
        var stranger = azurite.Shared.BarberToken(77777);
        await ApiAssert.Error(await azurite.Shared.GetAsync("hybrid-payments/config", stranger), 404, "NOT_FOUND");
        await ApiAssert.Error(await azurite.Shared.SendAsync(HttpMethod.Put, "hybrid-payments/config", stranger, """{"payment_mode":"hybrid"}"""), 404, "NOT_FOUND");
        await ApiAssert.Error(await azurite.Shared.GetAsync("hybrid-payments/my-options", stranger), 404, "NOT_FOUND");
    }

    [Fact]
    public async Task AnAdminOutOfRangeCommissionRate_IsAValidationError() =>
        await ApiAssert.Error(await azurite.Shared.SendAsync(HttpMethod.Put, "hybrid-payments/config/3", azurite.Shared.AdminToken(), """{"commission_rate": 1.5}"""), 400, "VALIDATION_ERROR");
}
