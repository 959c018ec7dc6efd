namespace BookedBarber.ProcessorSimulators.Stripe;

/// <summary>A registered webhook endpoint; only touched under the simulator's lock.</summary>
internal sealed class StripeWebhookEndpointState
{
    public required string Id { get; init; }

    /// <summary>The account that owns the endpoint: null for the platform.</summary>
    public required string? Account { get; init; }

    public required string Secret { get; init; }

    public required string ApiVersion { get; init; }

    public required DateTimeOffset Created { get; init; }

    /// <summary>A platform endpoint that also receives its Connect accounts' events.</summary>
    public bool Connect { get; init; }

    public required string Url { get; set; }

    public required List<string> EnabledEvents { get; set; }

    public string? Description { get; set; }

    public bool Disabled { get; set; }

    public bool Wants(string type) => !Disabled && (EnabledEvents.Contains("*") || EnabledEvents.Contains(type));

    public StripeWebhookEndpointRecord ToRecord() => new(Id, Account, Url, EnabledEvents.ToList(), Secret, ApiVersion, Connect, Disabled);
}
