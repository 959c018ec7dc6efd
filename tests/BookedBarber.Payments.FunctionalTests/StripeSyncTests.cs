using BookedBarber.DevHost;
using BookedBarber.Payments.Connections;
using BookedBarber.Payments.ExternalTransactions;
using Microsoft.Extensions.DependencyInjection;
using Stripe;

namespace BookedBarber.Payments.FunctionalTests;

/// <summary>Sync of a barber's own Stripe account (its secret key) over the Stripe simulator.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class StripeSyncTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task ManualSync_OfAnOwnStripeAccount_StoresItsPaymentIntents_WithTheirBookingReference()
    {
        await using var host = await ApiHost.StartAsync(azurite, seed: false);
        var barberId = SyncWorld.NewBarberId();
        var key = DevHostApp.SimulatorStripeKey; // the simulator answers any account's key alike
        var secrets = host.Services.GetRequiredService<ConnectionSecrets>();
        var connection = await host.Services.GetRequiredService<ConnectionStore>().CreateAsync(new ProcessorConnection(0, barberId, ProcessorTypes.Stripe,
            "acct_own_" + barberId, "Own Stripe", ConnectionStatus.Connected, secrets.Seal(barberId, new ConnectionCredentials(SecretKey: key)), null, "USD",
            ProcessingFees.SquareStandard, DateTimeOffset.UtcNow), default);
        var intents = new PaymentIntentService(new StripeClient(new StripeClientOptions { ApiKey = key, ApiBase = host.Simulators.BaseUrl }));
        var paid = await intents.CreateAsync(new PaymentIntentCreateOptions
        {
            Amount = 6000, Currency = "usd", PaymentMethod = "pm_card_visa", Confirm = true,
            Metadata = new Dictionary<string, string> { ["appointment_id"] = "77" },
        });
        var open = await intents.CreateAsync(new PaymentIntentCreateOptions { Amount = 2500, Currency = "usd" });

        var body = await ApiAssert.Json(await host.SendAsync(HttpMethod.Post, $"external-payments/connections/{connection.Id}/sync", host.BarberToken(barberId)), 200);

        Assert.Equal(2, body.GetProperty("new_transactions").GetInt32());
        var stored = (await host.StoredAsync(barberId)).ToDictionary(t => t.ExternalTransactionId);
        Assert.Equal((ExternalTransactionStatus.Completed, 6000L, "bb-appt-77"), (stored[paid.Id].Status, stored[paid.Id].Amount.Minor, stored[paid.Id].Reference));
        Assert.Equal(ExternalTransactionStatus.Pending, stored[open.Id].Status);
        Assert.Equal(0, (await ApiAssert.Json(await host.SendAsync(HttpMethod.Post, $"external-payments/connections/{connection.Id}/sync", host.BarberToken(barberId)), 200))
            .GetProperty("transactions_synced").GetInt32());
    }
}
