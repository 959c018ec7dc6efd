namespace BookedBarber.ProcessorSimulators.Stripe;

/// <summary>What a test can assert about an Event (Account null = the platform's).</summary>
public sealed record StripeEventRecord(string Id, string Type, string? Account, string? ObjectId, DateTimeOffset Created);
