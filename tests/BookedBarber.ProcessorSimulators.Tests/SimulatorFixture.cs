namespace BookedBarber.ProcessorSimulators.Tests;

/// <summary>One simulator server for the test class.</summary>
public sealed class SimulatorFixture : IAsyncLifetime
{
    public SimulatorServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await SimulatorServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
