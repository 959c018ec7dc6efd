using BookedBarber.Payments.Security;

namespace BookedBarber.Payments.FunctionalTests;

/// <summary>A barber acts on their own data, an owner on their shops' barbers, an admin on all; others see 404.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class TenancyTests(AzuriteFixture azurite)
{
    private readonly ApiHost _host = azurite.Shared;

    [Theory]
    [InlineData(1, Roles.Barber, null, 5, 200)]        // own appointment
    [InlineData(1, Roles.Barber, null, 25, 404)]       // barber 2's
    [InlineData(2, Roles.Barber, null, 25, 200)]
    [InlineData(10, Roles.ShopOwner, null, 5, 200)]    // shop 1: barbers 1 and 2
    [InlineData(10, Roles.ShopOwner, null, 25, 200)]
    [InlineData(10, Roles.ShopOwner, null, 45, 404)]   // barber 3 works in shop 2
    [InlineData(10, Roles.ShopOwner, 2, 5, 404)]       // a token scoped to shop 2 does not reach shop 1
    [InlineData(11, Roles.ShopOwner, null, 45, 200)]
    [InlineData(20, Roles.EnterpriseOwner, null, 5, 200)]
    [InlineData(20, Roles.EnterpriseOwner, null, 45, 200)]
    [InlineData(21, Roles.EnterpriseOwner, null, 45, 404)]
    [InlineData(900, Roles.Admin, null, 45, 200)]
    public async Task AppointmentRead_FollowsTenancy(int userId, string role, int? shopId, int appointmentId, int status)
    {
        var response = await _host.GetAsync($"internal/booking/appointments/{appointmentId}", _host.Token(userId, role, shopId: shopId));
        if (status == 200) await ApiAssert.Json(response, 200);
        else
        {
            var error = await ApiAssert.Error(response, 404, "NOT_FOUND");
            Assert.Equal("appointment", error.GetProperty("details").GetProperty("resource").GetString());
        }
    }

    [Theory]
    [InlineData(1, Roles.Barber, 1, 200)]
    [InlineData(1, Roles.Barber, 2, 404)]
    [InlineData(10, Roles.ShopOwner, 2, 200)]
    [InlineData(10, Roles.ShopOwner, 3, 404)]
    [InlineData(20, Roles.EnterpriseOwner, 3, 200)]
    [InlineData(900, Roles.Admin, 3, 200)]
    public async Task BarberScopedContractRoutes_HideOtherTenantsBarbers(int userId, string role, int barberId, int status)
    {
        var response = await _host.GetAsync($"hybrid-payments/routing-stats/{barberId}", _host.Token(userId, role));
        if (status == 404) await ApiAssert.Error(response, 404, "NOT_FOUND");
        else Assert.Equal(barberId, (await ApiAssert.Json(response, 200)).GetProperty("barber_id").GetInt32());
    }

    [Fact]
    public async Task MovingABarberBetweenShops_MovesTheOwnersAccess()
    {
        await using var _host = await ApiHost.StartAsync(azurite);
        var owner10 = _host.Token(10, Roles.ShopOwner);
        await ApiAssert.Json(await _host.GetAsync("internal/booking/appointments/25", owner10), 200);
        await ApiAssert.Json(await _host.SendAsync(HttpMethod.Put, "internal/booking/shops/1", _host.AdminToken(),
            """{"name":"Fade Factory Downtown","owner_id":10,"enterprise_owner_id":20,"barber_ids":[1]}"""), 200);
        await ApiAssert.Json(await _host.SendAsync(HttpMethod.Put, "internal/booking/shops/2", _host.AdminToken(),
            """{"name":"Fade Factory Uptown","owner_id":11,"enterprise_owner_id":20,"barber_ids":[2,3]}"""), 200);

        await ApiAssert.Error(await _host.GetAsync("internal/booking/appointments/25", owner10), 404, "NOT_FOUND");
        await ApiAssert.Json(await _host.GetAsync("internal/booking/appointments/25", _host.Token(11, Roles.ShopOwner)), 200);
    }
}
