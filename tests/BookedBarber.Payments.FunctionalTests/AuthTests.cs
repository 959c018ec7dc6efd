using BookedBarber.Payments.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace BookedBarber.Payments.FunctionalTests;

[Collection(AzuriteCollection.Name)]
public sealed class AuthTests(AzuriteFixture azurite)
{
    private readonly ApiHost _host = azurite.Shared;

    [Fact]
    public async Task MissingMalformedExpiredAndForeignTokens_Are401()
    {
        const string path = "internal/booking/appointments/1";
        await ApiAssert.Error(await _host.GetAsync(path), 401, "UNAUTHORIZED");
        await ApiAssert.Error(await _host.GetAsync(path, "garbage"), 401, "UNAUTHORIZED");

        var settings = _host.Services.GetRequiredService<AuthSettings>();
        var yesterday = new FakeTimeProvider(DateTimeOffset.UtcNow.AddDays(-1));
        var expired = new TokenIssuer(settings, yesterday).Issue(1, Roles.Barber, lifetime: TimeSpan.FromHours(1));
        Assert.Contains("expired", (await ApiAssert.Error(await _host.GetAsync(path, expired), 401, "UNAUTHORIZED")).GetProperty("message").GetString());

        var otherKey = new TokenIssuer(settings with { SigningKey = TokenIssuer.NewSigningKey() }, TimeProvider.System).Issue(1, Roles.Barber);
        await ApiAssert.Error(await _host.GetAsync(path, otherKey), 401, "UNAUTHORIZED");

        var otherIssuer = new TokenIssuer(settings with { Issuer = "evil" }, TimeProvider.System).Issue(1, Roles.Barber);
        await ApiAssert.Error(await _host.GetAsync(path, otherIssuer), 401, "UNAUTHORIZED");

        var parts = _host.AdminToken().Split('.');
        await ApiAssert.Error(await _host.GetAsync(path, $"eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.{parts[1]}."), 401, "UNAUTHORIZED");
    }

    [Fact]
    public async Task MissingPermission_Is403InsufficientPermissions()
    {
        var readOnly = _host.Token(1, Roles.Barber, [Permissions.AnalyticsRead]);
        var error = await ApiAssert.Error(await _host.GetAsync("internal/booking/appointments/1", readOnly), 403, "INSUFFICIENT_PERMISSIONS");
        Assert.Equal("payment:read", error.GetProperty("details").GetProperty("required_permission").GetString());

        var json = """{"barber_id":1,"client_id":7,"service_name":"Fade","start_time":"2026-12-01T10:00:00Z","price":45}""";
        await ApiAssert.Error(await _host.SendAsync(HttpMethod.Put, "internal/booking/appointments/900", _host.BarberToken(), json), 403, "INSUFFICIENT_PERMISSIONS");
        await ApiAssert.Error(await _host.GetAsync("internal/booking/appointments/900", _host.AdminToken()), 404, "NOT_FOUND");
    }
}
