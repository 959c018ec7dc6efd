using BookedBarber.ProcessorSimulators.Stripe;

namespace BookedBarber.ProcessorSimulators.Tests;

public sealed class StripeIdempotencyTests
{
    [Fact]
    public void Key_IsReplayedFor24Hours_ThenForgotten()
    {
        var clock = new ManualClock();
        var store = new StripeIdempotency(clock);
        Assert.Equal(StripeIdempotencyOutcome.Proceed, store.Begin("k", "a").Outcome);
        Assert.Equal(StripeIdempotencyOutcome.InFlight, store.Begin("k", "a").Outcome);
        store.Complete("k", new StripeStoredResponse(200, "{}"));

        clock.Now += TimeSpan.FromHours(23);
        Assert.Equal((StripeIdempotencyOutcome.Replay, new StripeStoredResponse(200, "{}")), store.Begin("k", "a"));
        Assert.Equal(StripeIdempotencyOutcome.Mismatch, store.Begin("k", "b").Outcome);

        clock.Now += TimeSpan.FromHours(1);
        Assert.Equal(StripeIdempotencyOutcome.Proceed, store.Begin("k", "b").Outcome);
    }

    [Fact]
    public void ReleasedKey_CanBeUsedAgain()
    {
        var store = new StripeIdempotency(new ManualClock());
        store.Begin("k", "a");
        store.Release("k");

        Assert.Equal(StripeIdempotencyOutcome.Proceed, store.Begin("k", "b").Outcome);
    }

    private sealed class ManualClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
