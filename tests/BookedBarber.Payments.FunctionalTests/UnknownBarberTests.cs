namespace BookedBarber.Payments.FunctionalTests;

/// <summary>A barber the booking platform does not know has no payment settings, options or statistics: 404, even for an admin.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class UnknownBarberTests(AzuriteFixture azurite)
{
    [Theory]
    [InlineData("hybrid-payments/routing-stats/999")]
    [InlineData("hybrid-payments/routing-stats/999?days=7")]
    [InlineData("hybrid-payments/options/999")]
    public async Task AnUnknownBarber_Is404ForAnAdmin(string path)
    {
        var error = await ApiAssert.Error(await azurite.Shared.GetAsync(path, azurite.Shared.AdminToken()), 404, "NOT_FOUND");
        Assert.Equal("barber", error.GetProperty("details").GetProperty("resource").GetString());
    }

    [Fact]
    public async Task AKnownBarbersStats_AreStill200ForAnAdmin() =>
        await ApiAssert.Json(await azurite.Shared.GetAsync("hybrid-payments/routing-stats/1", azurite.Shared.AdminToken()), 200);
}
