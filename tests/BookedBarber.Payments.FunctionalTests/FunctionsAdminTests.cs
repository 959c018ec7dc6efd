using System.Net;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using BookedBarber.DevHost;
using BookedBarber.Payments.Catalog;
using BookedBarber.Payments.Maintenance;
using BookedBarber.Payments.Processing;
using BookedBarber.Payments.RateLimiting;
using ApiJson = BookedBarber.Payments.Http.Json;

namespace BookedBarber.Payments.FunctionalTests;

/// <summary>
/// The dev host answers the Functions host's admin call (<c>POST /admin/functions/{name}</c>) as <c>func start</c>
/// does: a timer or queue function runs now, 202; anything else is the API's error envelope and runs nothing.
/// No queue pump or scheduler runs here, so every message seen was put there by the call under test.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class FunctionsAdminTests(AzuriteFixture azurite)
{
    private static Task<HttpResponseMessage> PostAsync(ApiHost host, string name, string body, string contentType = "application/json") =>
        host.Client.PostAsync(new Uri(host.Client.BaseAddress!, $"{FunctionsAdminEndpoint.PathPrefix}/{name}"),
            new StringContent(body, Encoding.UTF8, contentType));

    private static async Task<IReadOnlyList<string>> Messages(ApiHost host, string queue) =>
        (await host.Storage.Queue(queue).PeekMessagesAsync(32)).Value.Select(m => m.Body.ToString()).ToList();

    private static async Task AssertNoMessages(ApiHost host)
    {
        foreach (var queue in AppCatalog.Queues) Assert.Empty(await Messages(host, queue.Name));
    }

    [Fact]
    public async Task RunningTheMaintenanceTimer_EnqueuesItsPurge_AndAnswers202WithNoBody()
    {
        await using var host = await ApiHost.StartAsync(azurite, seed: false);

        var response = await PostAsync(host, "MaintenanceSweep", """{"input": ""}""");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsStringAsync());
        Assert.True(response.Headers.Contains("X-Request-Id"));
        var message = Assert.Single(await Messages(host, MaintenanceQueue.Name));
        Assert.Contains(MaintenanceQueue.PurgeRateLimits, message);
        Assert.Empty(await Messages(host, PaymentReconciler.QueueName));
    }

    [Fact]
    public async Task EveryTimer_RunsOnDemand_UnderItsFunctionName()
    {
        await using var host = await ApiHost.StartAsync(azurite, seed: false);

        foreach (var schedule in AppCatalog.Schedules)
            Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(host, FunctionNames.Of(schedule), "{}")).StatusCode);

        Assert.Single(await Messages(host, MaintenanceQueue.Name));
        Assert.Single(await Messages(host, PaymentReconciler.QueueName));
    }

    [Fact]
    public async Task RunningTheMaintenanceQueueFunction_HandlesTheInputAsOneMessage()
    {
        await using var host = await ApiHost.StartAsync(azurite, seed: false);
        var windows = host.Storage.Table(host.Storage.Names.RateLimits);
        await windows.AddEntityAsync(new TableEntity("analytics|user-1", "2020010100") { ["Count"] = 7, ["ExpiresAt"] = new DateTimeOffset(2020, 1, 1, 1, 0, 0, TimeSpan.Zero) });
        var message = JsonSerializer.Serialize(new MaintenanceMessage(MaintenanceQueue.PurgeRateLimits, DateTimeOffset.UtcNow - RateLimitPolicy.Window), ApiJson.Options);

        var response = await PostAsync(host, "MaintenanceQueue", JsonSerializer.Serialize(new { input = message }));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.False((await windows.GetEntityIfExistsAsync<TableEntity>("analytics|user-1", "2020010100")).HasValue);
    }

    [Theory]
    [InlineData("NoSuchFunction")]
    [InlineData("maintenance")]
    [InlineData("GetHealth")]
    [InlineData("MaintenanceSweep/extra")]
    public async Task AnUnknownName_OrAnHttpFunction_Is404InTheEnvelope_AndRunsNothing(string name)
    {
        await using var host = await ApiHost.StartAsync(azurite, seed: false);

        var error = await ApiAssert.Error(await PostAsync(host, name, """{"input": ""}"""), 404, "NOT_FOUND");

        if (name == "GetHealth") Assert.Contains("HTTP function", error.GetProperty("message").GetString());
        await AssertNoMessages(host);
    }

    [Theory]
    [InlineData("MaintenanceSweep", "{\"input\": ", "INVALID_JSON", null)]
    [InlineData("MaintenanceSweep", "", "VALIDATION_ERROR", "body")]
    [InlineData("MaintenanceSweep", "[]", "VALIDATION_ERROR", "body")]
    [InlineData("MaintenanceSweep", "{\"input\": 5}", "VALIDATION_ERROR", "input")]
    [InlineData("MaintenanceQueue", "{}", "VALIDATION_ERROR", "input")]
    [InlineData("MaintenanceQueue", "{\"input\": \"\"}", "VALIDATION_ERROR", "input")]
    public async Task AMalformedBody_Is400InTheEnvelope_AndRunsNothing(string name, string body, string code, string? field)
    {
        await using var host = await ApiHost.StartAsync(azurite, seed: false);

        var error = await ApiAssert.Error(await PostAsync(host, name, body), 400, code);

        if (field is not null) Assert.Equal(field, error.GetProperty("details").GetProperty("field").GetString());
        await AssertNoMessages(host);
    }

    [Fact]
    public async Task OtherMethods_Are405_WithAllowPost()
    {
        await using var host = await ApiHost.StartAsync(azurite, seed: false);

        var response = await host.Client.GetAsync(new Uri(host.Client.BaseAddress!, $"{FunctionsAdminEndpoint.PathPrefix}/MaintenanceSweep"));

        await ApiAssert.Error(response, 405, "METHOD_NOT_ALLOWED");
        Assert.Equal(["POST"], response.Content.Headers.Allow);
        await AssertNoMessages(host);
    }

    [Theory]
    [InlineData("MaintenanceQueue", "not json", "message")]
    [InlineData("MaintenanceQueue", "[]", "message")]
    [InlineData("MaintenanceQueue", "{\"task\":\"purge-rate-limit-windows\",\"before\":\"soon\"}", "message")]
    [InlineData("MaintenanceQueue", "{}", "task")]
    [InlineData("MaintenanceQueue", "{\"task\":\"purge\",\"before\":\"2020-01-01T00:00:00Z\"}", "task")]
    [InlineData("PaymentReconciliationQueue", "not json", "message")]
    public async Task AMessageTheHandlerCannotRead_Is400InTheEnvelope_AndChangesNothing(string name, string input, string field)
    {
        await using var host = await ApiHost.StartAsync(azurite, seed: false);
        var windows = host.Storage.Table(host.Storage.Names.RateLimits);
        await windows.AddEntityAsync(new TableEntity("analytics|user-1", "2020010100") { ["Count"] = 7, ["ExpiresAt"] = new DateTimeOffset(2020, 1, 1, 1, 0, 0, TimeSpan.Zero) });

        var error = await ApiAssert.Error(await PostAsync(host, name, JsonSerializer.Serialize(new { input })), 400, "VALIDATION_ERROR");

        Assert.Equal(field, error.GetProperty("details").GetProperty("field").GetString());
        Assert.True((await windows.GetEntityIfExistsAsync<TableEntity>("analytics|user-1", "2020010100")).HasValue);
        await AssertNoMessages(host);
    }

    [Fact]
    public async Task APurgeNamingAFutureTime_DeletesOnlyEndedWindows_AndKeepsTheCurrentCounters()
    {
        await using var host = await ApiHost.StartAsync(azurite, seed: false);
        var windows = host.Storage.Table(host.Storage.Names.RateLimits);
        var now = DateTimeOffset.UtcNow;
        await windows.AddEntityAsync(new TableEntity("analytics|user-1", "2020010100") { ["Count"] = 7, ["ExpiresAt"] = new DateTimeOffset(2020, 1, 1, 1, 0, 0, TimeSpan.Zero) });
        await windows.AddEntityAsync(new TableEntity("payment_processing|user-3", "current") { ["Count"] = 101, ["ExpiresAt"] = now.AddMinutes(30) });
        var message = JsonSerializer.Serialize(new MaintenanceMessage(MaintenanceQueue.PurgeRateLimits, DateTimeOffset.MaxValue), ApiJson.Options);

        var response = await PostAsync(host, "MaintenanceQueue", JsonSerializer.Serialize(new { input = message }));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.False((await windows.GetEntityIfExistsAsync<TableEntity>("analytics|user-1", "2020010100")).HasValue);
        var current = await windows.GetEntityIfExistsAsync<TableEntity>("payment_processing|user-3", "current");
        Assert.True(current.HasValue);
        Assert.Equal(101, current.Value!.GetInt32("Count"));
    }
}
