using Microsoft.AspNetCore.Builder;

namespace BookedBarber.ProcessorSimulators.Stripe;

/// <summary>The subset of Stripe's API that Stripe.net calls here. (Being built.)</summary>
public sealed class StripeSimulator(TimeProvider clock)
{
    public TimeProvider Clock { get; } = clock;

    public void Map(WebApplication app)
    {
    }
}
