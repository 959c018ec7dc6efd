using System.Text.Json;
using BookedBarber.DevHost;
using BookedBarber.Payments.Amounts;
using BookedBarber.Payments.Analytics.Optimization;
using BookedBarber.Payments.Analytics.Rollups;
using BookedBarber.Payments.Analytics.SixFigure;
using Microsoft.Extensions.DependencyInjection;

namespace BookedBarber.Payments.FunctionalTests.Analytics.Optimization;

/// <summary>
/// GET /unified-payment-analytics/revenue-optimization over payments taken through the real process endpoint and the
/// simulators; every figure follows from the fee tables (platform 2.9% + 0.30, the demo Square 2.9% + 0.10, 20% commission).
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class RevenueOptimizationTests(AzuriteFixture azurite)
{
    private const string Route = "unified-payment-analytics/revenue-optimization";

    private static async Task Pay(ApiHost host, int barberId, string card, int status, string? preference = null)
    {
        var appointment = await host.NewAppointmentAsync(barberId, 75.00m);
        await ApiAssert.Json(await host.ProcessAsync(barberId, Payments.Body(appointment, card, preference: preference)), status);
    }

    private static string Raw(JsonElement e, string path)
    {
        foreach (var part in path.Split('.')) e = e.GetProperty(part);
        return e.GetRawText();
    }

    [Fact]
    public async Task TheScenarios_ArePricedWithTheFeeTablesOverTheBarbersPayments_ToTheCent()
    {
        await using var host = await ApiHost.StartAsync(azurite);
        // Barber 2: centralized, a Connect account, no processor of their own. Six 75.00 payments (fee 2.48 each) and a decline.
        for (var i = 0; i < 6; i++) await Pay(host, 2, "tok_visa", 200);
        await Pay(host, 2, "tok_chargeDeclined", 422);

        var body = await ApiAssert.Json(await host.GetAsync($"{Route}?period=30_days", host.BarberToken(2)), 200);

        // Period: 450.00 taken, 90.00 commission (20%), fees 14.88; monthly = × 30.4375 / 30 → 456.56, 91.31, 15.10.
        // All external, priced with the cheapest processor to connect: Square, 450.00 × 2.9% + 6 × 0.10 = 13.65 → 13.85
        // (Stripe would take 14.85).
        Assert.Equal(("456.56", "15.10", "350.15", "-91.31", "\"stripe_platform\""),
            (Raw(body, "scenario_analysis.all_centralized.monthly_revenue"), Raw(body, "scenario_analysis.all_centralized.monthly_fees"),
             Raw(body, "scenario_analysis.all_centralized.net_monthly"), Raw(body, "scenario_analysis.all_centralized.commission_impact"),
             Raw(body, "scenario_analysis.all_centralized.priced_with")));
        Assert.Equal(("456.56", "13.85", "351.40", "-91.31", "\"square\""),
            (Raw(body, "scenario_analysis.all_external.monthly_revenue"), Raw(body, "scenario_analysis.all_external.monthly_fees"),
             Raw(body, "scenario_analysis.all_external.net_monthly"), Raw(body, "scenario_analysis.all_external.commission_impact"),
             Raw(body, "scenario_analysis.all_external.priced_with")));
        Assert.Equal(("456.56", "15.10", "350.15", "-91.31", "null"),
            (Raw(body, "scenario_analysis.current_hybrid.monthly_revenue"), Raw(body, "scenario_analysis.current_hybrid.monthly_fees"),
             Raw(body, "scenario_analysis.current_hybrid.net_monthly"), Raw(body, "scenario_analysis.current_hybrid.commission_impact"),
             Raw(body, "scenario_analysis.current_hybrid.priced_with")));

        Assert.Equal(("\"centralized\"", "\"decentralized\"", "1.25"), (Raw(body, "current_mode"), Raw(body, "optimal_mode"), Raw(body, "potential_monthly_increase")));
        Assert.Equal(("0.00", "1.25", "15.00", "\"immediate\"", "\"square\""),
            (Raw(body, "switching_roi.investment_required"), Raw(body, "switching_roi.monthly_savings"), Raw(body, "switching_roi.annual_savings"),
             Raw(body, "switching_roi.payback_period"), Raw(body, "switching_roi.connection_required")));
        // 7 settled payments on 1 day: (0.07 + 1/30) / 2 = 0.05.
        Assert.Equal(("\"30_days\"", "0.05", "7", "1", "\"USD\""),
            (Raw(body, "analysis_period"), Raw(body, "confidence_score"), Raw(body, "payments_analyzed"), Raw(body, "days_with_data"), Raw(body, "currency")));

        var fee = Assert.Single(body.GetProperty("recommendations").EnumerateArray());
        Assert.Equal(("\"fee_optimization\"", "1.25", "null", "\"medium\"", "\"monthly_fees_difference\"", "1.25"),
            (Raw(fee, "type"), Raw(fee, "potential_savings"), Raw(fee, "potential_increase"), Raw(fee, "implementation_difficulty"), Raw(fee, "metric"), Raw(fee, "metric_value")));
        Assert.Contains("once you connect Square", fee.GetProperty("recommendation").GetString());
        Assert.Contains("1.25 USD a month lower (13.85 USD against 15.10 USD now)", fee.GetProperty("recommendation").GetString());
    }

    [Fact]
    public async Task AHybridBarbersConnectedSquare_PricesAllExternal_AndTheCurrentFeesAreTheRollupsFees()
    {
        await using var host = await ApiHost.StartAsync(azurite);
        // Barber 1: hybrid, a Connect account, the demo Square location with chair payments; one more payment each way.
        await Pay(host, 1, "cnon:card-nonce-ok", 200);
        await Pay(host, 1, "tok_visa", 200, preference: "platform");

        var body = await ApiAssert.Json(await host.GetAsync($"{Route}?period=all_time&barber_id=1", host.Token(DemoWorld.ShopOwnerId, "shop_owner")), 200);

        var reader = host.Services.GetRequiredService<RollupReader>();
        var calendar = await reader.CalendarAsync(1, CancellationToken.None);
        var window = await reader.ReadAsync(1, calendar.Today.AddYears(-AnalysisPeriod.AllTimeYears).AddDays(1), calendar.Today, CancellationToken.None);
        var first = window.Days.Where(d => d.Totals.Payments > 0).Min(d => d.Day);
        var days = calendar.Today.DayNumber - first.DayNumber + 1;
        var total = window.Total();
        decimal Monthly(decimal major) => Money.Round(major / days * SixFigurePace.DaysPerMonth, window.Currency).ToMajor();

        Assert.Equal(("\"square\"", "null", "\"hybrid\"", "\"all_time\""),
            (Raw(body, "scenario_analysis.all_external.priced_with"), Raw(body, "switching_roi.connection_required"), Raw(body, "current_mode"), Raw(body, "analysis_period")));
        Assert.Equal(Monthly(total.ProcessingFees.ToMajor()), body.GetProperty("scenario_analysis").GetProperty("current_hybrid").GetProperty("monthly_fees").GetDecimal());
        Assert.Equal(Monthly((total.Volume - total.Refunds).ToMajor()), body.GetProperty("scenario_analysis").GetProperty("current_hybrid").GetProperty("monthly_revenue").GetDecimal());
        Assert.Equal(total.Payments, body.GetProperty("payments_analyzed").GetInt32());
        Assert.Equal(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(body.GetProperty("date_range").GetProperty("start").GetDateTimeOffset(), calendar.Zone).DateTime), first);
    }

    [Fact]
    public async Task ABarberWithNoPayments_GetsZerosAndConfidenceZero_WithEveryFieldPresent()
    {
        var host = azurite.Shared;
        // Barber 3: centralized, no Connect account, no payments; the default period is 90_days.
        var body = await ApiAssert.Json(await host.GetAsync($"{Route}?barber_id=3", host.AdminToken()), 200);

        foreach (var scenario in new[] { "all_centralized", "all_external", "current_hybrid" })
            foreach (var field in new[] { "monthly_revenue", "monthly_fees", "net_monthly", "commission_impact" })
                Assert.Equal("0.00", Raw(body, $"scenario_analysis.{scenario}.{field}"));
        Assert.Equal(("\"centralized\"", "\"centralized\"", "0.00", "0.00", "\"90_days\""),
            (Raw(body, "current_mode"), Raw(body, "optimal_mode"), Raw(body, "potential_monthly_increase"), Raw(body, "confidence_score"), Raw(body, "analysis_period")));
        Assert.Equal("\"not_applicable\"", Raw(body, "switching_roi.payback_period"));
        Assert.Equal(0, body.GetProperty("recommendations").GetArrayLength());
    }

    [Fact]
    public async Task ShopAndEnterpriseOwners_ReadTheirBarbers_OthersAreNotFound()
    {
        var host = azurite.Shared;
        await ApiAssert.Json(await host.GetAsync($"{Route}?barber_id=1", host.Token(DemoWorld.ShopOwnerId, "shop_owner")), 200);
        await ApiAssert.Json(await host.GetAsync($"{Route}?barber_id=3", host.Token(DemoWorld.EnterpriseOwnerId, "enterprise_owner")), 200);
        // Shop 1's owner does not own barber 3's shop; barber 2 is not barber 1; nobody knows barber 999.
        await ApiAssert.Error(await host.GetAsync($"{Route}?barber_id=3", host.Token(DemoWorld.ShopOwnerId, "shop_owner")), 404, "NOT_FOUND");
        await ApiAssert.Error(await host.GetAsync($"{Route}?barber_id=1", host.BarberToken(2)), 404, "NOT_FOUND");
        await ApiAssert.Error(await host.GetAsync($"{Route}?barber_id=999", host.AdminToken()), 404, "NOT_FOUND");
    }

    [Theory]
    [InlineData("?period=2_years")]
    [InlineData("?period=")]
    [InlineData("?period=30_DAYS")]
    [InlineData("?barber_id=abc")]
    [InlineData("?barber_id=0")]
    public async Task BadInput_IsAValidationError(string query)
    {
        var host = azurite.Shared;
        var error = await ApiAssert.Error(await host.GetAsync(Route + query, host.BarberToken(1)), 400, "VALIDATION_ERROR");
        Assert.Equal(JsonValueKind.Object, error.ValueKind);
    }

    [Fact]
    public async Task AnAdminMustNameTheBarber()
    {
        var host = azurite.Shared;
        await ApiAssert.Error(await host.GetAsync(Route, host.AdminToken()), 400, "VALIDATION_ERROR");
    }
}
