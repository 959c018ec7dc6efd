namespace BookedBarber.ProcessorSimulators.Stripe;

public sealed record StripeRefundRecord(
    string Id, string PaymentIntent, string Charge, long Amount, string? StripeAccount, string? IdempotencyKey, DateTimeOffset Created);
