namespace BookedBarber.ProcessorSimulators.Stripe;

/// <summary>A dispute the simulator opened on a charge (Account null = the platform's).</summary>
public sealed record StripeDisputeRecord(
    string Id, string Charge, string PaymentIntent, long Amount, string Currency, string Reason, string? Account, DateTimeOffset Created);
