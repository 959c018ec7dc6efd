using BookedBarber.Payments.Connections;
using Microsoft.Extensions.DependencyInjection;
using System.Text.Json;

namespace BookedBarber.Payments.FunctionalTests;

/// <summary>
/// options and my-options list the barber's connections with <c>last_transaction</c> from what is stored of their
/// transactions: present always, null before the first one, the latest payment's time after.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class PaymentOptionsConnectionTests(AzuriteFixture azurite)
{
    private static readonly string[] OptionsFields =
        ["barber_id", "payment_mode", "available_methods", "default_method", "fallback_enabled", "external_connections", "fee_breakdown"];

    private static void HasExactly(JsonElement element, params string[] fields) =>
        Assert.Equal(fields.Order(), element.EnumerateObject().Select(p => p.Name).Order());

    [Fact]
    public async Task LastTransaction_IsNullBeforeTheFirstPayment_ThenThatPaymentsTime_InBothOptionsRoutes()
    {
        await using var host = await ApiHost.StartAsync(azurite);
        // Barber 1 has the demo world's chair payments: barber 2 gets a connection that has seen none yet.
        await host.Services.GetRequiredService<ConnectionStore>().CreateAsync(new ProcessorConnection(0, 2, ProcessorTypes.Square, "L_BARBER2_NEW", "Chair 2",
            ConnectionStatus.Connected, "", "L_BARBER2_NEW", "USD", ProcessingFees.SquareStandard, DateTimeOffset.UtcNow), default);

        foreach (var path in new[] { "hybrid-payments/my-options", "hybrid-payments/options/2" })
        {
            var before = await ApiAssert.Json(await host.GetAsync(path, host.BarberToken(2)), 200);
            HasExactly(before, OptionsFields);
            var connection = Assert.Single(before.GetProperty("external_connections").EnumerateArray());
            HasExactly(connection, "id", "processor_type", "account_name", "status", "last_transaction");
            Assert.Equal(JsonValueKind.Null, connection.GetProperty("last_transaction").ValueKind);
        }

        var appointment = await host.NewAppointmentAsync(1);
        var paid = await ApiAssert.Json(await host.ProcessAsync(1, Payments.Body(appointment, "cnon:card-nonce-ok")), 200);

        foreach (var path in new[] { "hybrid-payments/my-options", "hybrid-payments/options/1" })
        {
            var after = await ApiAssert.Json(await host.GetAsync(path, host.BarberToken(1)), 200);
            var connection = Assert.Single(after.GetProperty("external_connections").EnumerateArray());
            Assert.Equal(paid.GetProperty("processed_at").GetDateTimeOffset(), connection.GetProperty("last_transaction").GetDateTimeOffset());
        }
    }

    [Fact]
    public async Task EveryOptionsField_IsPresent_ForABarberWithoutConnectionsOrAmount()
    {
        var host = azurite.Shared;
        var body = await ApiAssert.Json(await host.GetAsync("hybrid-payments/options/3", host.AdminToken()), 200);
        HasExactly(body, OptionsFields);
        Assert.Equal(0, body.GetProperty("external_connections").GetArrayLength());
        HasExactly(body.GetProperty("fee_breakdown"), "platform_total_fee", "external_total_fee", "savings_with_external");
        Assert.Equal(JsonValueKind.Null, body.GetProperty("fee_breakdown").GetProperty("external_total_fee").ValueKind);
    }
}
