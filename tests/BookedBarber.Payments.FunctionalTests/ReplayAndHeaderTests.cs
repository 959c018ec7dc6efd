using System.Text;
using BookedBarber.DevHost;

namespace BookedBarber.Payments.FunctionalTests;

/// <summary>
/// A replay reads like the first answer down to its headers; a key a proxy merged from two headers is refused as two
/// headers are; the dev host's admin answers are as uncacheable as the API's.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class ReplayAndHeaderTests(AzuriteFixture azurite) : IAsyncLifetime
{
    // A host of its own per test: these tests pay, and the shared host's barbers have 100 payments an hour among all suites.
    private ApiHost _host = null!;

    public async Task InitializeAsync() => _host = await ApiHost.StartAsync(azurite);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static string NewKey() => "key-" + Guid.NewGuid().ToString("N");

    [Theory]
    [InlineData("tok_visa", 200)]
    [InlineData("cnon:card-nonce-declined", 422)]
    public async Task AReplay_HasTheFirstResponsesContentType(string card, int status)
    {
        var barber = card.StartsWith("cnon:", StringComparison.Ordinal) ? 1 : 2;
        var appointment = await _host.NewAppointmentAsync(barber);
        var (key, body) = (NewKey(), Payments.Body(appointment, card));

        var first = await _host.ProcessAsync(barber, body, key);
        var retry = await _host.ProcessAsync(barber, body, key);

        Assert.Equal((status, status), ((int)first.StatusCode, (int)retry.StatusCode));
        Assert.Equal("true", retry.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal("application/json; charset=utf-8", first.Content.Headers.ContentType!.ToString());
        Assert.Equal(first.Content.Headers.ContentType!.ToString(), retry.Content.Headers.ContentType!.ToString());
    }

    [Theory]
    [InlineData("k-a, k-b")]
    [InlineData("k-a,k-b")]
    public async Task AKeyWithAComma_Is400NamingTheHeader_AndChargesNothing(string key)
    {
        var appointment = await _host.NewAppointmentAsync(2);
        var before = _host.Simulators.Stripe.SucceededCharges;

        var error = await ApiAssert.Error(await _host.ProcessAsync(2, Payments.Body(appointment, "tok_visa"), key), 400, "VALIDATION_ERROR");

        Assert.Equal("Idempotency-Key", error.GetProperty("details").GetProperty("field").GetString());
        Assert.Equal(before, _host.Simulators.Stripe.SucceededCharges);
        await ApiAssert.Json(await _host.ProcessAsync(2, Payments.Body(appointment, "tok_visa"), NewKey()), 200);
    }

    [Theory]
    [InlineData("NoSuchFunction", """{"input": ""}""", 404)]
    [InlineData("MaintenanceQueue", "[]", 400)]
    public async Task TheDevHostsAdminAnswers_AreNeverCachedOrSniffed(string name, string body, int status)
    {
        var response = await _host.Client.PostAsync(new Uri(_host.Client.BaseAddress!, $"{FunctionsAdminEndpoint.PathPrefix}/{name}"),
            new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl!.ToString());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }
}
