using System.Text.Json;
using BookedBarber.Payments.Booking;
using Microsoft.Extensions.DependencyInjection;

namespace BookedBarber.Payments.FunctionalTests.Analytics;

/// <summary>A shop names the IANA time zone its barbers' analytics days are counted in; nothing else is taken.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class ShopTimeZoneTests(AzuriteFixture azurite)
{
    private const string Shop = """{"name":"Fade Factory Downtown","owner_id":10,"enterprise_owner_id":20,"barber_ids":[1,2]""";

    [Fact]
    public async Task A_shop_keeps_its_IANA_time_zone_and_its_barbers_days_follow_it()
    {
        await using var host = await ApiHost.StartAsync(azurite);
        var shop = await ApiAssert.Json(await host.SendAsync(HttpMethod.Put, "internal/booking/shops/1", host.AdminToken(),
            Shop + ""","time_zone":"America/Chicago"}"""), 200);
        Assert.Equal("America/Chicago", shop.GetProperty("time_zone").GetString());

        var zone = await host.Services.GetRequiredService<BookingDirectory>().TimeZoneOfBarberAsync(2, CancellationToken.None);
        Assert.Equal("America/Chicago", zone.Id);
    }

    [Fact]
    public async Task A_shop_without_a_time_zone_answers_null_and_counts_in_UTC()
    {
        await using var host = await ApiHost.StartAsync(azurite);
        var shop = await ApiAssert.Json(await host.SendAsync(HttpMethod.Put, "internal/booking/shops/1", host.AdminToken(), Shop + "}"), 200);
        Assert.Equal(JsonValueKind.Null, shop.GetProperty("time_zone").ValueKind);
        var zone = await host.Services.GetRequiredService<BookingDirectory>().TimeZoneOfBarberAsync(1, CancellationToken.None);
        Assert.Equal(TimeZoneInfo.Utc.BaseUtcOffset, zone.BaseUtcOffset);
        Assert.False(zone.SupportsDaylightSavingTime);
    }

    [Theory]
    [InlineData("\"Eastern Standard Time\"")]   // a Windows name
    [InlineData("\"Mars/Olympus_Mons\"")]
    [InlineData("\"+05:00\"")]
    [InlineData("\"\"")]
    [InlineData("\" America/Chicago\"")]
    [InlineData("5")]
    [InlineData("true")]
    public async Task Anything_but_an_IANA_name_is_refused_and_the_shop_is_unchanged(string value)
    {
        await using var host = await ApiHost.StartAsync(azurite);
        await ApiAssert.Json(await host.SendAsync(HttpMethod.Put, "internal/booking/shops/1", host.AdminToken(),
            Shop + ""","time_zone":"Europe/London"}"""), 200);

        var error = await ApiAssert.Error(await host.SendAsync(HttpMethod.Put, "internal/booking/shops/1", host.AdminToken(),
            Shop + $$""","time_zone":{{value}}}"""), 400, "VALIDATION_ERROR");
        Assert.Equal("time_zone", error.GetProperty("details").GetProperty("field").GetString());

        var stored = await host.Services.GetRequiredService<BookingDirectory>().GetShopAsync(1, CancellationToken.None);
        Assert.Equal("Europe/London", stored!.TimeZone);
    }
}
