namespace BookedBarber.ProcessorSimulators.Stripe;

public enum StripeIdempotencyOutcome
{
    Proceed,
    Replay,
    Mismatch,
    InFlight,
}
