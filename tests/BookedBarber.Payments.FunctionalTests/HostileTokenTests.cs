using System.Security.Cryptography;
using System.Text;
using BookedBarber.Payments.Configuration;
using BookedBarber.Payments.Security;
using Microsoft.IdentityModel.Tokens;

namespace BookedBarber.Payments.FunctionalTests;

/// <summary>Tokens a hostile tester wrote by hand, signed with the host's key: what they may not do.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class HostileTokenTests(AzuriteFixture azurite)
{
    private readonly ApiHost _host = azurite.Shared;

    /// <summary>A token with the host's issuer, audience and key, and exactly the given extra claims (JSON text).</summary>
    private static string Signed(string claims, long lifetimeSeconds = 3600)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var payload = $"{{\"iss\":\"{PaymentsSettings.DefaultIssuer}\",\"aud\":\"{PaymentsSettings.DefaultAudience}\",\"iat\":{now},\"exp\":{now + lifetimeSeconds},{claims}}}";
        var input = Base64UrlEncoder.Encode("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." + Base64UrlEncoder.Encode(payload);
        return input + "." + Base64UrlEncoder.Encode(HMACSHA256.HashData(Convert.FromBase64String(ApiHost.SigningKey), Encoding.ASCII.GetBytes(input)));
    }

    [Fact]
    public async Task BarberWithEmptyPermissions_CannotCharge_AndNothingIsStored()
    {
        var appointment = await _host.NewAppointmentAsync(1);
        var response = await _host.SendAsync(HttpMethod.Post, "hybrid-payments/process", _host.Token(1, Roles.Barber, []),
            Payments.Body(appointment, "tok_visa"));
        await ApiAssert.Error(response, 403, "INSUFFICIENT_PERMISSIONS");

        // Nothing was charged or claimed: the barber's real token pays the appointment afterwards.
        await ApiAssert.Json(await _host.ProcessAsync(1, Payments.Body(appointment, "cnon:card-nonce-ok")), 200);
    }

    [Fact]
    public async Task AdminWithEmptyPermissions_CannotCreateAShop()
    {
        var emptyAdmin = _host.Token(900, Roles.Admin, []);
        await ApiAssert.Error(await _host.SendAsync(HttpMethod.Put, "internal/booking/shops/777", emptyAdmin,
            """{"name":"Hostile Cuts","owner_id":10,"enterprise_owner_id":20,"barber_ids":[3]}"""), 403, "INSUFFICIENT_PERMISSIONS");
        // barber 3 still answers to shop 2's owner only: no shop 777 made owner 10 theirs
        await ApiAssert.Error(await _host.GetAsync("internal/booking/appointments/45", _host.Token(10, Roles.ShopOwner)), 404, "NOT_FOUND");
    }

    [Theory]
    [InlineData("\"2.0\"")]
    [InlineData("-2")]
    [InlineData("\"\"")]
    [InlineData("null")]
    [InlineData("{\"id\":2}")]
    public async Task EnterpriseOwnerWithAnUnreadableShopScope_Is401_NotUnscoped(string shopId)
    {
        // Scoped to shop 2 the owner may not see barber 1's appointment (shop 1); an unreadable scope must not widen that.
        var token = Signed($"\"sub\":\"20\",\"role\":\"enterprise_owner\",\"shop_id\":{shopId}");
        await ApiAssert.Error(await _host.GetAsync("internal/booking/appointments/1", token), 401, "UNAUTHORIZED");
    }

    [Theory]
    [InlineData("[\"admin\"]")]
    [InlineData("3")]
    public async Task RoleThatIsNotOneString_Is401(string role) =>
        await ApiAssert.Error(await _host.GetAsync("internal/booking/appointments/1", Signed($"\"sub\":\"1\",\"role\":{role}")), 401, "UNAUTHORIZED");

    [Fact]
    public async Task TokenLivingLongerThanTheMaximum_Is401() =>
        await ApiAssert.Error(await _host.GetAsync("internal/booking/appointments/1",
            Signed("\"sub\":\"1\",\"role\":\"barber\"", lifetimeSeconds: 86_400 * 30)), 401, "UNAUTHORIZED");
}
