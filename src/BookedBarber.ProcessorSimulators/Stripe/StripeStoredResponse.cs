namespace BookedBarber.ProcessorSimulators.Stripe;

/// <summary>A response as first sent, kept so a retry with the same Idempotency-Key gets it back byte for byte.</summary>
public sealed record StripeStoredResponse(int Status, string Body);
