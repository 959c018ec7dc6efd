using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using System.Text.Json;
using BookedBarber.Payments.Collections;
using BookedBarber.Payments.Configuration;
using BookedBarber.Payments.Security;
using static BookedBarber.Payments.FunctionalTests.CollectionWorld;

namespace BookedBarber.Payments.FunctionalTests;

/// <summary><c>POST /internal/collections/run</c> and <c>GET /internal/collections/check</c>: operators collect barbers now and check the invariants.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class CollectionRunEndpointTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private ApiHost _host = null!;

    public async Task InitializeAsync() => _host = await ApiHost.StartAsync(azurite, services: CollectionWorld.Services);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private Task<HttpResponseMessage> RunAsync(string json, string? token = null) =>
        _host.SendAsync(HttpMethod.Post, "internal/collections/run", token ?? _host.AdminToken(), json);

    private async Task<int> QueuedAsync()
    {
        var queue = _host.Storage.Queue(CollectionRequest.QueueName);
        await queue.CreateIfNotExistsAsync();
        return (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount;
    }

    [Fact]
    public async Task Run_QueuesOneOperatorMessagePerBarber_AndAnswers202WithThem()
    {
        var (a, b) = (await NewAsync(_host), await NewAsync(_host));
        var before = await QueuedAsync();

        var body = await ApiAssert.Json(await RunAsync($$"""{"barber_ids":[{{a.BarberId}},{{b.BarberId}}],"cutoff":"2026-11-01T00:00:00Z"}"""), 202);

        Assert.Equal(2, body.GetProperty("queued_count").GetInt32());
        Assert.Equal(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), body.GetProperty("cutoff").GetDateTimeOffset());
        var queued = body.GetProperty("queued").EnumerateArray().ToList();
        Assert.Equal([a.BarberId, b.BarberId], queued.Select(q => q.GetProperty("barber_id").GetInt32()));
        Assert.All(queued, q => Assert.False(string.IsNullOrEmpty(q.GetProperty("message_id").GetString())));
        Assert.All(queued, q => Assert.Equal(body.GetProperty("cutoff").GetDateTimeOffset(), q.GetProperty("cutoff").GetDateTimeOffset()));
        Assert.Equal(before + 2, await QueuedAsync());
        var messages = (await _host.Storage.Queue(CollectionRequest.QueueName).PeekMessagesAsync(32)).Value
            .Select(m => JsonSerializer.Deserialize<CollectionRequest>(m.Body.ToString(), Http.Json.Options)!).Where(m => m.BarberId == a.BarberId).ToList();
        var message = Assert.Single(messages);
        Assert.Equal((CollectionTriggers.Operator, true), (message.Trigger, message.OperatorRun));
    }

    [Fact]
    public async Task RunNow_ThroughTheQueue_BuildsTheCollection_AndTheCheckFindsNothingWrong()
    {
        await using var host = await ApiHost.StartAsync(azurite, background: true, services: CollectionWorld.Services,
            settings: new Dictionary<string, string?> { [SettingNames.CollectionNoticeDays] = "0" });
        var world = await NewAsync(host);
        await world.AddAsync(world.Payment(300_00, Start), world.Payment(120_00, Start.AddDays(1), tip: 20_00));

        await ApiAssert.Json(await host.SendAsync(HttpMethod.Post, "internal/collections/run", host.AdminToken(),
            $$"""{"barber_ids":[{{world.BarberId}}],"cutoff":"now"}"""), 202);

        CommissionCollection? collection = null;
        for (var i = 0; i < 100 && collection is null; i++)
        {
            collection = (await world.CollectionsAsync()).FirstOrDefault(c => c.Status != CollectionStatus.Building);
            if (collection is null) await Task.Delay(200);
        }
        Assert.NotNull(collection);
        Assert.Equal(60_00 + 20_00, collection.CommissionMinor);
        Assert.Equal(collection.CreatedAt, collection.DueDate);

        var report = await ApiAssert.Json(await host.GetAsync($"internal/collections/check?barber_id={world.BarberId}", host.AdminToken()), 200);
        Assert.Equal(1, report.GetProperty("barbers_checked").GetInt32());
        Assert.Equal(1, report.GetProperty("collections_checked").GetInt32());
        Assert.Empty(report.GetProperty("violations").EnumerateArray());
    }

    [Fact]
    public async Task TheTimersMessage_CutsOffAtTheEndOfTheBarbersLastPeriod_AndARepeatBuildsNothing()
    {
        await using var host = await ApiHost.StartAsync(azurite, background: true, services: CollectionWorld.Services);
        var world = await NewAsync(host);
        await ApiAssert.Json(await host.SendAsync(HttpMethod.Put, $"hybrid-payments/config/{world.BarberId}", host.AdminToken(),
            """{"commission_collection_frequency":"daily"}"""), 200);
        var periodEnd = CollectionPeriods.LastEnd("daily", DateTimeOffset.UtcNow);
        var before = await world.AddAsync(world.Payment(200_00, periodEnd.AddHours(-1)));
        var after = await world.AddAsync(world.Payment(200_00, periodEnd.AddSeconds(1)));   // today's: the next period's
        var queues = host.Services.GetRequiredService<Queues.QueueSender>();

        await queues.SendAsync(CollectionRequest.QueueName, new CollectionRequest(world.BarberId, null, CollectionTriggers.Schedule), default);
        CommissionCollection? collection = null;
        for (var i = 0; i < 100 && collection is null; i++)
        {
            collection = (await world.CollectionsAsync()).FirstOrDefault(c => c.Status != CollectionStatus.Building);
            if (collection is null) await Task.Delay(200);
        }

        Assert.NotNull(collection);
        Assert.Equal(periodEnd, collection.Cutoff);
        Assert.Equal([before[0].Id], collection.TransactionIds);
        await queues.SendAsync(CollectionRequest.QueueName, new CollectionRequest(world.BarberId, null, CollectionTriggers.Schedule), default);
        await Task.Delay(1500);
        Assert.Single(await world.CollectionsAsync());
        Assert.Null(await world.Store.ItemAsync(world.BarberId, after[0].Id, default));
    }

    [Fact]
    public async Task Check_ReportsABrokenCollection_NamingTheRule()
    {
        var world = await NewAsync(_host);
        await world.AddAsync(world.Payment(300_00, Start));
        var collection = Assert.Single(await world.Builder.BuildAsync(world.BarberId, Start.AddDays(1), default));
        await world.Store.UpdateAsync(world.BarberId, collection.RowKey, c => c! with { CommissionMinor = c.CommissionMinor + 1 }, default);

        var report = await ApiAssert.Json(await _host.GetAsync($"internal/collections/check?barber_id={world.BarberId}", _host.AdminToken()), 200);

        var violation = Assert.Single(report.GetProperty("violations").EnumerateArray());
        Assert.Equal(("amount_is_commissions_less_credits", collection.Id, world.BarberId),
            (violation.GetProperty("rule").GetString(), violation.GetProperty("collection_id").GetInt64(), violation.GetProperty("barber_id").GetInt32()));
        Assert.Equal(JsonValueKind.Null, violation.GetProperty("transaction_id").ValueKind);
    }

    [Fact]
    public async Task DevShCollectionsCheck_PrintsTheReport_AndExits1OnlyWhenSomethingIsWrong()
    {
        var world = await NewAsync(_host);
        await world.AddAsync(world.Payment(300_00, Start));
        var collection = Assert.Single(await world.Builder.BuildAsync(world.BarberId, Start.AddDays(1), default));
        var environment = new Microsoft.Extensions.Configuration.ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [SettingNames.AuthSigningKey] = ApiHost.SigningKey }).Build();
        var options = new DevHost.DevHostOptions { DataDirectory = Path.Combine(Path.GetTempPath(), "bookedbarber-tests", _host.Prefix) };

        var output = new StringWriter();
        Assert.Equal(0, await DevHost.CollectionsCommand.RunAsync(["check", "--barber", world.BarberId.ToString()], options, environment, output));
        Assert.Equal("1 barbers, 1 collections checked, 0 violations", output.ToString().TrimEnd().Split('\n')[^1].Trim());

        await world.Store.UpdateAsync(world.BarberId, collection.RowKey, c => c! with { CreditMinor = 5 }, default);
        output = new StringWriter();
        Assert.Equal(1, await DevHost.CollectionsCommand.RunAsync(["check", "--barber", world.BarberId.ToString()], options, environment, output));
        Assert.Contains("amount_is_commissions_less_credits", output.ToString());
        await Assert.ThrowsAsync<ArgumentException>(() => DevHost.CollectionsCommand.RunAsync(["check", "--barber", "x"], options, environment, new StringWriter()));
    }

    [Fact]
    public async Task Check_ForNonAdmins_Is403_AndABadBarberIdIs400()
    {
        await ApiAssert.Error(await _host.GetAsync("internal/collections/check", _host.BarberToken(1)), 403, "INSUFFICIENT_PERMISSIONS");
        await ApiAssert.Error(await _host.GetAsync("internal/collections/check", _host.Token(10, Roles.ShopOwner)), 403, "INSUFFICIENT_PERMISSIONS");
        await ApiAssert.Error(await _host.GetAsync("internal/collections/check?barber_id=0", _host.AdminToken()), 400, "VALIDATION_ERROR");
        await ApiAssert.Error(await _host.GetAsync("internal/collections/check?barber_id=abc", _host.AdminToken()), 400, "VALIDATION_ERROR");
    }

    [Theory]
    [InlineData("""{"barber_ids":[],"cutoff":"now"}""", "barber_ids")]
    [InlineData("""{"cutoff":"now"}""", "barber_ids")]
    [InlineData("""{"barber_ids":[1,1],"cutoff":"now"}""", "barber_ids")]
    [InlineData("""{"barber_ids":[-1],"cutoff":"now"}""", "barber_ids")]
    [InlineData("""{"barber_ids":[0],"cutoff":"now"}""", "barber_ids")]
    [InlineData("""{"barber_ids":[1],"cutoff":"2999-01-01T00:00:00Z"}""", "cutoff")]
    [InlineData("""{"barber_ids":[1],"cutoff":"yesterday"}""", "cutoff")]
    [InlineData("""{"barber_ids":[1],"cutoff":"2026-11-01T00:00:00"}""", "cutoff")]
    [InlineData("""{"barber_ids":[1],"cutoff":"2026-13-01T00:00:00Z"}""", "cutoff")]
    [InlineData("""{"barber_ids":[1]}""", "cutoff")]
    [InlineData("""{"barber_ids":[1],"cutoff":"now","cutoff":"2026-11-01T00:00:00Z"}""", "cutoff")]
    [InlineData("""{"barber_ids":[1],"barber_ids":[2],"cutoff":"now"}""", "barber_ids")]
    public async Task Run_WithBadInput_Is400NamingTheField_AndQueuesNothing(string json, string field)
    {
        var before = await QueuedAsync();

        var error = await ApiAssert.Error(await RunAsync(json), 400, "VALIDATION_ERROR");

        Assert.Equal(field, error.GetProperty("details").GetProperty("field").GetString());
        Assert.Equal(before, await QueuedAsync());
    }

    [Fact]
    public async Task Run_WithTooManyOrNonIntegerIds_Is400()
    {
        await ApiAssert.Error(await RunAsync($$"""{"barber_ids":[{{string.Join(",", Enumerable.Range(1, 1001))}}],"cutoff":"now"}"""), 400, "VALIDATION_ERROR");
        await ApiAssert.Error(await RunAsync("""{"barber_ids":["one"],"cutoff":"now"}"""), 400, "VALIDATION_ERROR");
        await ApiAssert.Error(await RunAsync("""{"barber_ids":[1.5],"cutoff":"now"}"""), 400, "VALIDATION_ERROR");
    }

    [Fact]
    public async Task Run_ForAnUnknownBarber_Is404NamingIt_AndQueuesNothingForAnyone()
    {
        var before = await QueuedAsync();

        var error = await ApiAssert.Error(await RunAsync("""{"barber_ids":[1,987654],"cutoff":"now"}"""), 404, "NOT_FOUND");

        Assert.Contains("987654", error.GetRawText());
        Assert.Equal(before, await QueuedAsync());
    }

    [Fact]
    public async Task Run_ByANonAdmin_Is403_AndQueuesNothing()
    {
        var before = await QueuedAsync();
        await ApiAssert.Error(await RunAsync("""{"barber_ids":[1],"cutoff":"now"}""", _host.BarberToken(1)), 403, "INSUFFICIENT_PERMISSIONS");
        await ApiAssert.Error(await RunAsync("""{"barber_ids":[1],"cutoff":"now"}""", _host.Token(10, Roles.ShopOwner)), 403, "INSUFFICIENT_PERMISSIONS");
        Assert.Equal(before, await QueuedAsync());
    }
}
