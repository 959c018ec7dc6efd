namespace BookedBarber.Payments.FunctionalTests;

[Collection(AzuriteCollection.Name)]
public sealed class HealthTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Health_IsAnonymous_AndReportsStorageAndQueuesHealthy()
    {
        await using var host = await ApiHost.StartAsync(azurite, seed: false);
        var body = await ApiAssert.Json(await host.GetAsync("health"), 200);

        Assert.Equal("healthy", body.GetProperty("status").GetString());
        Assert.Equal("healthy", body.GetProperty("checks").GetProperty("storage").GetProperty("status").GetString());
        Assert.Equal("healthy", body.GetProperty("checks").GetProperty("queues").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Health_WhenStorageIsDown_Is503InTheEnvelope()
    {
        var closedPort = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=" + DevHost.AzuriteProcess.AccountKey +
            ";TableEndpoint=http://127.0.0.1:1/devstoreaccount1;QueueEndpoint=http://127.0.0.1:1/devstoreaccount1;BlobEndpoint=http://127.0.0.1:1/devstoreaccount1;";
        await using var host = await ApiHost.StartAsync(azurite, seed: false, storageConnection: closedPort);

        var error = await ApiAssert.Error(await host.GetAsync("health"), 503, "SERVICE_UNAVAILABLE");
        Assert.Equal("unhealthy", error.GetProperty("details").GetProperty("checks").GetProperty("storage").GetProperty("status").GetString());
    }
}
