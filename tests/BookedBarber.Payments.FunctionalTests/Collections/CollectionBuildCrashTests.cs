using BookedBarber.Payments.Collections;
using Microsoft.Extensions.DependencyInjection;
using static BookedBarber.Payments.FunctionalTests.CollectionWorld;

namespace BookedBarber.Payments.FunctionalTests;

/// <summary>A collection run that crashes at any storage step (before it, or after it with the response lost) is finished by the next run: nothing lost, nothing twice.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class CollectionBuildCrashTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly CrashAt _faults = new();
    private ApiHost _host = null!;

    public async Task InitializeAsync() => _host = await ApiHost.StartAsync(azurite, services: s =>
    {
        CollectionWorld.Services(s);
        s.AddSingleton<ICollectionFaults>(_faults);
    });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    public static TheoryData<string> Points() => new(
        from when in new[] { "before", "after" }
        from step in new[] { "read", "allocate_id", "claim_id", "first_batch", "middle_batch", "enqueue_due", "last_batch" }
        select $"{when}:build.{step}");

    [Theory]
    [MemberData(nameof(Points))]
    public async Task ACrashAtAnyBuildStep_FollowedByAReRun_FinishesTheSameCollection(string point)
    {
        var world = await NewAsync(_host);
        var payments = await world.AddAsync(Enumerable.Range(0, 120).Select(i => world.Payment(15_00, Start.AddMinutes(i))).ToArray());
        var cutoff = Start.AddDays(1);

        _faults.Arm(point);
        await Assert.ThrowsAsync<InjectedCrashException>(() => world.Builder.BuildAsync(world.BarberId, cutoff, default));
        var building = await world.CollectionsAsync();
        await world.AssertInvariantsHoldAsync();   // mid-build too: every claim is in the collection being built
        await world.Builder.BuildAsync(world.BarberId, cutoff, default);
        Assert.Empty(await world.Builder.BuildAsync(world.BarberId, cutoff, default));

        var collection = Assert.Single(await world.CollectionsAsync());
        Assert.Equal(CollectionStatus.Pending, collection.Status);
        Assert.Equal(payments.Select(p => p.Id).Order(), collection.TransactionIds.Order());
        Assert.Equal(120 * 3_00L, collection.CommissionMinor);
        Assert.All(building, b => Assert.Equal(collection.Id, b.Id));   // the re-run finished the collection the crash left
        await world.AssertInvariantsHoldAsync();
    }
}
