using Microsoft.Extensions.Time.Testing;

namespace BookedBarber.ProcessorSimulators.Tests;

/// <summary>A simulator server on a fake clock, for token expiry.</summary>
public sealed class FakeClockSimulatorFixture : IAsyncLifetime
{
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));

    public SimulatorServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await SimulatorServer.StartAsync(clock: Clock);

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
