using System.Text.Json;

namespace BookedBarber.Payments.FunctionalTests;

/// <summary>The payment config's collection fields: how the platform collects commission owed on outside payments.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class PaymentConfigCollectionTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task TheConfig_ShowsTheCollectionMethod_WithItsDefaults()
    {
        var config = await ApiAssert.Json(await azurite.Shared.GetAsync("hybrid-payments/config", azurite.Shared.BarberToken(3)), 200);
        Assert.Equal(("stripe_connect", "stripe_connect"), (config.GetProperty("collection_method").GetString(), config.GetProperty("collection_fallback_method").GetString()));
        Assert.Equal(JsonValueKind.Null, config.GetProperty("collection_customer_id").ValueKind);
        Assert.Equal(JsonValueKind.Null, config.GetProperty("collection_payment_method_id").ValueKind);
    }

    [Fact]
    public async Task ABarberChoosesNettingWithACardFallback_ForThemself_AndCanClearTheCardOnlyByLeavingCardOnFile()
    {
        await using var host = await ApiHost.StartAsync(azurite);
        var barber = host.BarberToken(2);

        var netting = await ApiAssert.Json(await host.SendAsync(HttpMethod.Put, "hybrid-payments/config", barber,
            """{"collection_method": "netting", "collection_fallback_method": "card_on_file", "collection_customer_id": "cus_Barber2", "collection_payment_method_id": "pm_card_visa"}"""), 200);
        Assert.Equal(("netting", "card_on_file", "cus_Barber2", "pm_card_visa"), (netting.GetProperty("collection_method").GetString(),
            netting.GetProperty("collection_fallback_method").GetString(), netting.GetProperty("collection_customer_id").GetString(),
            netting.GetProperty("collection_payment_method_id").GetString()));

        // The card is still needed by the fallback: clearing it is refused, nothing changes.
        var refused = await ApiAssert.Error(await host.SendAsync(HttpMethod.Put, "hybrid-payments/config", barber, """{"collection_payment_method_id": null}"""), 400, "VALIDATION_ERROR");
        Assert.Equal("collection_payment_method_id", refused.GetProperty("details").GetProperty("field").GetString());
        Assert.Equal("pm_card_visa", (await ApiAssert.Json(await host.GetAsync("hybrid-payments/config", barber), 200)).GetProperty("collection_payment_method_id").GetString());

        var cleared = await ApiAssert.Json(await host.SendAsync(HttpMethod.Put, "hybrid-payments/config", barber,
            """{"collection_fallback_method": "stripe_connect", "collection_customer_id": null, "collection_payment_method_id": null}"""), 200);
        Assert.Equal(("netting", "stripe_connect"), (cleared.GetProperty("collection_method").GetString(), cleared.GetProperty("collection_fallback_method").GetString()));
        Assert.Equal(JsonValueKind.Null, cleared.GetProperty("collection_customer_id").ValueKind);
    }

    [Theory]
    [InlineData("""{"collection_method": "invoice"}""", "collection_method")]
    [InlineData("""{"collection_method": "Netting"}""", "collection_method")]
    [InlineData("""{"collection_method": 1}""", "collection_method")]
    [InlineData("""{"collection_fallback_method": "netting"}""", "collection_fallback_method")]
    [InlineData("""{"collection_customer_id": "acct_123"}""", "collection_customer_id")]
    [InlineData("""{"collection_customer_id": "cus_"}""", "collection_customer_id")]
    [InlineData("""{"collection_payment_method_id": "tok_visa"}""", "collection_payment_method_id")]
    [InlineData("""{"collection_payment_method_id": "pm_ bad"}""", "collection_payment_method_id")]
    [InlineData("""{"collection_method": "card_on_file"}""", "collection_customer_id")]
    [InlineData("""{"collection_method": "card_on_file", "collection_customer_id": "cus_1"}""", "collection_payment_method_id")]
    [InlineData("""{"collection_method": "netting", "collection_fallback_method": "card_on_file", "collection_payment_method_id": "pm_1"}""", "collection_customer_id")]
    public async Task BadCollectionFields_Are400NamingTheField_AndNothingIsStored(string json, string field)
    {
        var host = azurite.Shared;
        var before = (await ApiAssert.Json(await host.GetAsync("hybrid-payments/config/3", host.AdminToken()), 200)).GetRawText();
        var error = await ApiAssert.Error(await host.SendAsync(HttpMethod.Put, "hybrid-payments/config", host.BarberToken(3), json), 400, "VALIDATION_ERROR");
        Assert.Equal(field, error.GetProperty("details").GetProperty("field").GetString());
        Assert.Equal(before, (await ApiAssert.Json(await host.GetAsync("hybrid-payments/config/3", host.AdminToken()), 200)).GetRawText());
    }
}
