namespace BookedBarber.ProcessorSimulators.Stripe;

/// <summary>A saved card (made from a test alias such as pm_card_visa); only touched under the simulator's lock.</summary>
internal sealed class StripePaymentMethodState
{
    public required string Id { get; init; }

    public required string? Account { get; init; }

    public required StripeTestCard Card { get; init; }

    public required DateTimeOffset Created { get; init; }

    public string? Customer { get; set; }
}
