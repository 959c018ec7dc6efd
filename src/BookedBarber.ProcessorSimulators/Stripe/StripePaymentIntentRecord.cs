namespace BookedBarber.ProcessorSimulators.Stripe;

/// <summary>What a test can assert about a PaymentIntent the simulator created.</summary>
public sealed record StripePaymentIntentRecord(
    string Id,
    long Amount,
    string Currency,
    string Status,
    string? PaymentMethod,
    long? ApplicationFeeAmount,
    string? Destination,
    string? StripeAccount,
    IReadOnlyDictionary<string, string> Metadata,
    string? IdempotencyKey,
    string? LatestCharge,
    DateTimeOffset Created);
