namespace BookedBarber.ProcessorSimulators.Stripe;

/// <summary>What a test can assert about a webhook endpoint (Account null = the platform's).</summary>
public sealed record StripeWebhookEndpointRecord(
    string Id, string? Account, string Url, IReadOnlyList<string> EnabledEvents, string Secret, string ApiVersion, bool Connect, bool Disabled);
