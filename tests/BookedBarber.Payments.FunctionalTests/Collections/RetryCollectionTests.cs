using System.Text.Json;
using BookedBarber.Payments.Collections;
using BookedBarber.Payments.Security;

namespace BookedBarber.Payments.FunctionalTests.Collections;

/// <summary><c>POST /platform-collections/collections/{collection_id}/retry</c>: only from failed, audited, charged on the queue; refusals change nothing.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class RetryCollectionTests(AzuriteFixture azurite)
{
    private static string PathOf(long id) => $"platform-collections/collections/{id}/retry";

    private static Task<CommissionCollection> FailedAsync(ChargerWorld world, int barber, string method = CollectionMethods.StripeConnect) =>
        world.CollectionAsync(barber, status: CollectionStatus.Failed, method: method, tweak: c => c with
        {
            RetryAttempt = 1, AutomaticRetries = 1, FailureCode = "insufficient_funds", FailedReason = "Your card has insufficient funds.",
            FailedAt = world.Clock.GetUtcNow().AddHours(-1), NextRetryAt = world.Clock.GetUtcNow().AddDays(3), ChargeMethod = method,
            ChargeIdempotencyKey = CommissionCollection.ChargeKey(c.Id, 1),
        });

    [Fact]
    public async Task Retry_OfAFailedCollection_StartsTheNextAttempt_AuditsIt_AndQueuesTheCharge()
    {
        await using var world = await ChargerWorld.StartAsync(azurite);
        var barber = await world.BarberAsync(customerId: "cus_r", paymentMethodId: "pm_r");
        var c = await FailedAsync(world, barber);
        var now = world.Clock.GetUtcNow();

        var body = await ApiAssert.Json(await world.Host.SendAsync(HttpMethod.Post, PathOf(c.Id), world.Host.BarberToken(barber),
            JsonSerializer.Serialize(new { collection_method = "card_on_file", retry_reason = "Updated payment method" })), 200);

        Assert.Equal(c.Id, body.GetProperty("collection_id").GetInt64());
        Assert.True(body.GetProperty("retry_initiated").GetBoolean());
        Assert.Equal("processing", body.GetProperty("new_status").GetString());
        Assert.Equal(2, body.GetProperty("retry_attempt").GetInt32());
        Assert.Equal(now.AddMinutes(1), body.GetProperty("estimated_completion").GetDateTimeOffset());
        var stored = await world.ReadAsync(c);
        Assert.Equal(CollectionStatus.Processing, stored.Status);
        Assert.Equal(2, stored.RetryAttempt);
        Assert.Equal(1, stored.AutomaticRetries); // manual retries do not count against dunning
        Assert.Equal(CollectionMethods.CardOnFile, stored.ChargeMethod);
        Assert.Equal(CommissionCollection.ChargeKey(c.Id, 2), stored.ChargeIdempotencyKey);
        Assert.Null(stored.NextRetryAt);
        var audit = Assert.Single(await world.AuditAsync(barber));
        Assert.Equal("collection.retry", audit.Action);
        Assert.Equal(barber, audit.ActorId);
        Assert.Contains("Updated payment method", audit.After);
        var message = Assert.Single(await world.MessagesAsync(c));
        Assert.Equal(new CollectionRequest(barber, null, CollectionTriggers.Retry, c.Id), message);

        // The queued message charges it: the saved card, the new attempt's key.
        await world.Charger.ActAsync(barber, false, CancellationToken.None);
        var call = Assert.Single(world.Gateway.Calls);
        Assert.Equal("card", call.Kind);
        Assert.Equal(CommissionCollection.ChargeKey(c.Id, 2), call.Charge.IdempotencyKey);
        Assert.Equal(CollectionStatus.Collected, (await world.ReadAsync(c)).Status);
    }

    [Fact]
    public async Task Retry_WithNetting_UsesTheFallbackMethod_AndAnAdminMayRetry()
    {
        await using var world = await ChargerWorld.StartAsync(azurite);
        var barber = await world.BarberAsync(fallback: CollectionMethods.StripeConnect);
        var c = await FailedAsync(world, barber, CollectionMethods.CardOnFile);

        await ApiAssert.Json(await world.Host.SendAsync(HttpMethod.Post, PathOf(c.Id), world.Host.AdminToken(),
            JsonSerializer.Serialize(new { collection_method = "netting" })), 200);

        Assert.Equal(CollectionMethods.StripeConnect, (await world.ReadAsync(c)).ChargeMethod);
        Assert.Equal(Roles.Admin, Assert.Single(await world.AuditAsync(barber)).ActorRole);
    }

    [Theory]
    [InlineData(CollectionStatus.Pending, "pending")]
    [InlineData(CollectionStatus.Due, "due")]
    [InlineData(CollectionStatus.Processing, "processing")]
    [InlineData(CollectionStatus.Collected, "collected")]
    public async Task Retry_OfACollectionThatIsNotFailed_Is409_AndChangesNothing(string status, string shown)
    {
        await using var world = await ChargerWorld.StartAsync(azurite);
        var barber = await world.BarberAsync();
        // A pending one not yet due shows pending; the others' due dates passed.
        var c = await world.CollectionAsync(barber, status: status, dueDate: status == CollectionStatus.Pending ? world.Clock.GetUtcNow().AddDays(1) : null);
        var before = await world.RawAsync(c);

        var error = await ApiAssert.Error(await world.Host.SendAsync(HttpMethod.Post, PathOf(c.Id), world.Host.BarberToken(barber), "{}"), 409, "CONFLICT");

        Assert.Equal(shown, error.GetProperty("details").GetProperty("status").GetString());
        await AssertUnchangedAsync(world, c, before);
    }

    [Fact]
    public async Task Retry_OfAnotherTenantsOrAnUnknownOrABuildingCollection_Is404()
    {
        await using var world = await ChargerWorld.StartAsync(azurite);
        var barber = await world.BarberAsync();
        var c = await FailedAsync(world, barber);
        var building = await world.CollectionAsync(barber, status: CollectionStatus.Building);
        var before = await world.RawAsync(c);

        await ApiAssert.Error(await world.Host.SendAsync(HttpMethod.Post, PathOf(c.Id), world.Host.BarberToken(2), "{}"), 404, "NOT_FOUND");
        await ApiAssert.Error(await world.Host.SendAsync(HttpMethod.Post, PathOf(c.Id),
            world.Host.Token(DevHost.DemoWorld.ShopOwnerId, Roles.ShopOwner), "{}"), 404, "NOT_FOUND");
        await ApiAssert.Error(await world.Host.SendAsync(HttpMethod.Post, PathOf(building.Id), world.Host.BarberToken(barber), "{}"), 404, "NOT_FOUND");
        await ApiAssert.Error(await world.Host.SendAsync(HttpMethod.Post, PathOf(1_999_999_999), world.Host.AdminToken(), "{}"), 404, "NOT_FOUND");

        await AssertUnchangedAsync(world, c, before);
    }

    [Theory]
    [InlineData("{\"collection_method\":\"cash\"}", "collection_method")]
    [InlineData("{\"collection_method\":\"\"}", "collection_method")]
    [InlineData("{\"collection_method\":7}", "collection_method")]
    public async Task Retry_WithABadMethod_Is400NamingIt_AndChangesNothing(string json, string field)
    {
        await using var world = await ChargerWorld.StartAsync(azurite);
        var barber = await world.BarberAsync();
        var c = await FailedAsync(world, barber);
        var before = await world.RawAsync(c);

        var error = await ApiAssert.Error(await world.Host.SendAsync(HttpMethod.Post, PathOf(c.Id), world.Host.BarberToken(barber), json), 400, "VALIDATION_ERROR");

        Assert.Equal(field, error.GetProperty("details").GetProperty("field").GetString());
        await AssertUnchangedAsync(world, c, before);
    }

    [Fact]
    public async Task Retry_WithATooLongReason_OrANonIntegerId_Is400()
    {
        await using var world = await ChargerWorld.StartAsync(azurite);
        var barber = await world.BarberAsync();
        var c = await FailedAsync(world, barber);
        var before = await world.RawAsync(c);

        var tooLong = await ApiAssert.Error(await world.Host.SendAsync(HttpMethod.Post, PathOf(c.Id), world.Host.BarberToken(barber),
            JsonSerializer.Serialize(new { retry_reason = new string('x', 501) })), 400, "VALIDATION_ERROR");
        Assert.Equal("retry_reason", tooLong.GetProperty("details").GetProperty("field").GetString());
        foreach (var id in new[] { "abc", "1.5", "-3", "0", "01" })
        {
            var error = await ApiAssert.Error(await world.Host.SendAsync(HttpMethod.Post, $"platform-collections/collections/{id}/retry",
                world.Host.BarberToken(barber), "{}"), 400, "VALIDATION_ERROR");
            Assert.Equal("collection_id", error.GetProperty("details").GetProperty("field").GetString());
        }
        await AssertUnchangedAsync(world, c, before);
    }

    [Fact]
    public async Task Retry_TwiceAtOnce_OneStartsTheAttempt_TheOtherIs409()
    {
        await using var world = await ChargerWorld.StartAsync(azurite);
        var barber = await world.BarberAsync();
        var c = await FailedAsync(world, barber);
        var token = world.Host.BarberToken(barber);

        var responses = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => world.Host.SendAsync(HttpMethod.Post, PathOf(c.Id), token, "{}")));

        Assert.Equal([200, 409], responses.Select(r => (int)r.StatusCode).Order());
        var stored = await world.ReadAsync(c);
        Assert.Equal(2, stored.RetryAttempt);
        Assert.Single(await world.AuditAsync(barber));
        Assert.Single(await world.MessagesAsync(c));
    }

    private static async Task AssertUnchangedAsync(ChargerWorld world, CommissionCollection c, string before)
    {
        Assert.Equal(before, await world.RawAsync(c));
        Assert.Empty(await world.AuditAsync(c.BarberId));
        Assert.Empty(await world.MessagesAsync(c));
    }
}
