using Azure.Data.Tables;
using BookedBarber.Payments.Processing;
using BookedBarber.Payments.Storage;
using Microsoft.Extensions.Time.Testing;

namespace BookedBarber.Payments.FunctionalTests;

/// <summary>The shared circuit breaker over a real Azurite: each test uses processor keys of its own, so tests never see each other's circuits.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class ProcessorHealthTests(AzuriteFixture azurite)
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2030, 1, 1, 12, 0, 0, TimeSpan.Zero));

    private StorageAccount Storage => azurite.Shared.Storage;

    // Each instance has its own cache, as each app instance does.
    private ProcessorHealth Instance(ProcessorHealthOptions? options = null) => new(Storage, _clock, InstanceCaches.Create(_clock, 100), options);

    private static string NewProcessor(string kind = "square") => $"{kind}-{Guid.NewGuid():N}";

    [Fact]
    public async Task FiveFailuresWithinTheWindow_OpenTheCircuit_ForThirtySeconds()
    {
        var health = Instance();
        var square = NewProcessor();
        for (var i = 0; i < 4; i++) await health.RecordFailureAsync(square, "timeout");
        Assert.Equal(CircuitState.Closed, (await health.GetAsync(square)).State);
        Assert.Equal((true, (string?)null), await health.IsAvailableAsync(square));

        var opened = await health.RecordFailureAsync(square, "timeout");

        Assert.Equal(new ProcessorCircuit(CircuitState.Open, 5, _clock.Start.AddSeconds(30), "timeout", _clock.Start), opened);
        Assert.Equal(opened, await Instance().GetAsync(square));
        Assert.Equal((false, "circuit open until 12:00:30Z after 5 failures: timeout"), await health.IsAvailableAsync(square));
        Assert.Equal((false, "circuit open until 12:00:30Z after 5 failures: timeout"), await health.TryAcquireCallAsync(square));
    }

    [Fact]
    public async Task FailuresSpreadWiderThanTheWindow_DoNotOpenIt_EvenWithSuccessesBetween()
    {
        var health = Instance();
        var stripe = NewProcessor("stripe");
        for (var i = 0; i < 4; i++)
        {
            await health.RecordFailureAsync(stripe, "HTTP 503");
            _clock.Advance(TimeSpan.FromSeconds(10));
        }
        // The first failure is 40 s old now: only three remain in the window.
        Assert.Equal(CircuitState.Closed, (await health.RecordFailureAsync(stripe, "HTTP 503")).State);

        // Interleaved successes reset the consecutive count but not the window: 5 failures within 30 s open it.
        var other = NewProcessor("stripe");
        for (var i = 0; i < 4; i++)
        {
            await health.RecordFailureAsync(other, "HTTP 500");
            Assert.Equal(0, (await health.RecordSuccessAsync(other)).ConsecutiveFailures);
        }
        var opened = await health.RecordFailureAsync(other, "HTTP 500");
        Assert.Equal(CircuitState.Open, opened.State);
        Assert.Equal(1, opened.ConsecutiveFailures);
    }

    [Fact]
    public async Task TwoInstances_ShareTheCircuit_TheSecondSeesItOpen_WhenItsCacheExpires()
    {
        var a = Instance();
        var b = Instance();
        var square = NewProcessor();
        Assert.Equal(CircuitState.Closed, (await b.GetAsync(square)).State); // B caches "closed".

        for (var i = 0; i < 5; i++) await a.RecordFailureAsync(square, "connection error: refused");

        Assert.Equal(CircuitState.Closed, (await b.GetAsync(square)).State); // Within B's one-second cache.
        _clock.Advance(TimeSpan.FromSeconds(1.5));
        var seen = await b.GetAsync(square);
        Assert.Equal(CircuitState.Open, seen.State);
        Assert.Equal(5, seen.ConsecutiveFailures);
        Assert.Equal("connection error: refused", seen.LastError);
        var (allowed, reason) = await b.TryAcquireCallAsync(square);
        Assert.False(allowed);
        Assert.Equal("circuit open until 12:00:30Z after 5 failures: connection error: refused", reason);
    }

    [Fact]
    public async Task AfterTheOpenPeriod_ItIsHalfOpen_OneTrialIsAllowed_AndItsSuccessClosesTheCircuit()
    {
        var a = Instance();
        var b = Instance();
        var square = NewProcessor();
        for (var i = 0; i < 5; i++) await a.RecordFailureAsync(square, "timeout");

        _clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(CircuitState.HalfOpen, (await b.GetAsync(square)).State);
        Assert.True((await b.IsAvailableAsync(square)).Available);

        Assert.Equal((true, (string?)null), await a.TryAcquireCallAsync(square)); // A claims the trial.
        var (allowed, reason) = await b.TryAcquireCallAsync(square); // B's cache is stale: its claim loses on the ETag.
        Assert.False(allowed);
        Assert.StartsWith("circuit half-open: a trial call is in progress", reason);
        _clock.Advance(TimeSpan.FromSeconds(2));
        Assert.False((await b.IsAvailableAsync(square)).Available);

        var closed = await a.RecordSuccessAsync(square);

        Assert.Equal(new ProcessorCircuit(CircuitState.Closed, 0, null, "timeout", _clock.GetUtcNow()), closed);
        _clock.Advance(TimeSpan.FromSeconds(1.5));
        Assert.Equal(closed, await b.GetAsync(square));
        Assert.Equal((true, (string?)null), await b.TryAcquireCallAsync(square));
        // Closed means the window starts empty: four new failures do not re-open it.
        for (var i = 0; i < 4; i++) await b.RecordFailureAsync(square, "timeout");
        Assert.Equal(CircuitState.Closed, (await b.GetAsync(square)).State);
    }

    [Fact]
    public async Task AFailedTrial_ReopensTheCircuit_ForAnotherOpenPeriod()
    {
        var health = Instance();
        var stripe = NewProcessor("stripe_platform");
        for (var i = 0; i < 5; i++) await health.RecordFailureAsync(stripe, "timeout");
        _clock.Advance(TimeSpan.FromSeconds(31));
        Assert.True((await health.TryAcquireCallAsync(stripe)).Allowed);

        var reopened = await health.RecordFailureAsync(stripe, "HTTP 503");

        Assert.Equal(CircuitState.Open, reopened.State);
        Assert.Equal(6, reopened.ConsecutiveFailures);
        Assert.Equal(_clock.GetUtcNow().AddSeconds(30), reopened.OpenUntil);
        Assert.Equal((false, "circuit open until 12:01:01Z after 6 failures: HTTP 503"), await Instance().IsAvailableAsync(stripe));
    }

    [Fact]
    public async Task ATrialWhoseOutcomeIsNeverRecorded_LetsAnotherCallerTry_AfterItsLease()
    {
        var a = Instance();
        var b = Instance();
        var square = NewProcessor();
        for (var i = 0; i < 5; i++) await a.RecordFailureAsync(square, "timeout");
        _clock.Advance(TimeSpan.FromSeconds(30));
        Assert.True((await a.TryAcquireCallAsync(square)).Allowed); // ... and A's instance dies.

        _clock.Advance(TimeSpan.FromSeconds(31));
        Assert.True((await b.TryAcquireCallAsync(square)).Allowed);
    }

    [Fact]
    public async Task TenConcurrentFailures_FromThreeInstances_AreAllCounted()
    {
        var instances = Enumerable.Range(0, 3).Select(_ => Instance()).ToArray();
        var square = NewProcessor();

        await Task.WhenAll(Enumerable.Range(0, 10).Select(i => Task.Run(() => instances[i % 3].RecordFailureAsync(square, $"HTTP 50{i}"))));

        var circuit = await Instance().GetAsync(square);
        Assert.Equal(10, circuit.ConsecutiveFailures);
        Assert.Equal(CircuitState.Open, circuit.State);

        // With a higher threshold the same burst stays closed, every failure still counted.
        var tolerant = Enumerable.Range(0, 3).Select(_ => Instance(new ProcessorHealthOptions { FailureThreshold = 11 })).ToArray();
        var stripe = NewProcessor("stripe");
        await Task.WhenAll(Enumerable.Range(0, 10).Select(i => Task.Run(() => tolerant[i % 3].RecordFailureAsync(stripe, "timeout"))));
        Assert.Equal(10, (await Instance().GetAsync(stripe)).ConsecutiveFailures);
        Assert.Equal(CircuitState.Closed, (await Instance().GetAsync(stripe)).State);
        Assert.Equal(CircuitState.Open, (await tolerant[0].RecordFailureAsync(stripe, "timeout")).State);
    }

    [Fact]
    public async Task DifferentProcessors_AreIndependent()
    {
        var health = Instance();
        var square = NewProcessor("square");
        var stripe = NewProcessor("stripe");
        for (var i = 0; i < 5; i++) await health.RecordFailureAsync(square, "timeout");
        await health.RecordFailureAsync(stripe, "HTTP 500");

        Assert.Equal(CircuitState.Open, (await health.GetAsync(square)).State);
        var other = await Instance().GetAsync(stripe);
        Assert.Equal(CircuitState.Closed, other.State);
        Assert.Equal(1, other.ConsecutiveFailures);
        Assert.True((await health.IsAvailableAsync(stripe)).Available);
        Assert.Equal(new ProcessorCircuit(CircuitState.Closed, 0, null, null, null), await health.GetAsync(NewProcessor("stripe_platform")));
    }

    [Fact]
    public async Task SuccessesOfAHealthyProcessor_WriteNothing()
    {
        var health = Instance();
        var table = Storage.Table(Storage.Names.ProcessorHealth);
        var fresh = NewProcessor();
        await health.RecordSuccessAsync(fresh);
        Assert.False((await table.GetEntityIfExistsAsync<TableEntity>(ProcessorHealth.Partition, fresh)).HasValue);

        var square = NewProcessor();
        await health.RecordFailureAsync(square, "timeout");
        await health.RecordSuccessAsync(square); // Resets the consecutive count: one write.
        var etag = (await table.GetEntityAsync<TableEntity>(ProcessorHealth.Partition, square)).Value.ETag;
        for (var i = 0; i < 5; i++)
        {
            await health.RecordSuccessAsync(square);
            _clock.Advance(TimeSpan.FromSeconds(2)); // Past the cache: the skip does not depend on it.
        }
        Assert.Equal(etag, (await table.GetEntityAsync<TableEntity>(ProcessorHealth.Partition, square)).Value.ETag);
    }
}
