namespace BookedBarber.ProcessorSimulators.Stripe;

/// <summary>A Customer; only touched under the simulator's lock.</summary>
internal sealed class StripeCustomerState
{
    public required string Id { get; init; }

    public required string? Account { get; init; }

    public required DateTimeOffset Created { get; init; }

    public required Dictionary<string, string> Metadata { get; init; }

    public string? Email { get; init; }

    public string? Name { get; init; }

    public string? Description { get; init; }

    public string? DefaultPaymentMethod { get; set; }
}
