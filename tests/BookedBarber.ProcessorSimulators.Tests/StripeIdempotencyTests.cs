using BookedBarber.ProcessorSimulators.Stripe;
using Microsoft.Extensions.Time.Testing;

namespace BookedBarber.ProcessorSimulators.Tests;

public sealed class StripeIdempotencyTests
{
    [Fact]
    public void Key_IsReplayedFor24Hours_ThenForgotten()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var store = new StripeIdempotency(clock);
        Assert.Equal(StripeIdempotencyOutcome.Proceed, store.Begin("k", "a").Outcome);
        Assert.Equal(StripeIdempotencyOutcome.InFlight, store.Begin("k", "a").Outcome);
        store.Complete("k", new StripeStoredResponse(200, "{}"));

        clock.Advance(TimeSpan.FromHours(23));
        Assert.Equal((StripeIdempotencyOutcome.Replay, new StripeStoredResponse(200, "{}")), store.Begin("k", "a"));
        Assert.Equal(StripeIdempotencyOutcome.Mismatch, store.Begin("k", "b").Outcome);

        clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(StripeIdempotencyOutcome.Proceed, store.Begin("k", "b").Outcome);
    }

    [Fact]
    public void ReleasedKey_CanBeUsedAgain()
    {
        var store = new StripeIdempotency(new FakeTimeProvider());
        store.Begin("k", "a");
        store.Release("k");

        Assert.Equal(StripeIdempotencyOutcome.Proceed, store.Begin("k", "b").Outcome);
    }
}
