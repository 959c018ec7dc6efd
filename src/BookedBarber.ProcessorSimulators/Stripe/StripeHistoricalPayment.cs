namespace BookedBarber.ProcessorSimulators.Stripe;

/// <summary>A payment that happened in the past, for seeding history in bulk (no events are sent for it).</summary>
public sealed record StripeHistoricalPayment(
    long Amount,
    DateTimeOffset Created,
    string Currency = "usd",
    IReadOnlyDictionary<string, string>? Metadata = null,
    bool InPerson = true,
    long AmountRefunded = 0);
