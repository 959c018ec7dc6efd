using Microsoft.AspNetCore.Builder;

namespace BookedBarber.ProcessorSimulators.Square;

/// <summary>The subset of Square's v2 API that our Square client calls. (Being built.)</summary>
public sealed class SquareSimulator(TimeProvider clock)
{
    public TimeProvider Clock { get; } = clock;

    public void Map(WebApplication app)
    {
    }
}
