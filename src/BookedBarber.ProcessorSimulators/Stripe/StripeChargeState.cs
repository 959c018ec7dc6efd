namespace BookedBarber.ProcessorSimulators.Stripe;

/// <summary>Mutable server-side Charge (one per confirmation attempt); only touched under the simulator's lock.</summary>
internal sealed class StripeChargeState
{
    public required string Id { get; init; }

    public required long Seq { get; init; }

    /// <summary>The account the charge lives on: null for the platform.</summary>
    public required string? Account { get; init; }

    public required string PaymentIntent { get; init; }

    public required long Amount { get; init; }

    public required string Currency { get; init; }

    public required DateTimeOffset Created { get; init; }

    public required StripeTestCard Card { get; init; }

    public required Dictionary<string, string> Metadata { get; init; }

    public bool CardPresent { get; init; }

    public string? Description { get; init; }

    public long? ApplicationFeeAmount { get; init; }

    public string? Destination { get; init; }

    public string? Customer { get; init; }

    public string Status { get; set; } = "succeeded";

    public string? PaymentMethod { get; set; }

    public string? FailureCode { get; set; }

    public string? FailureMessage { get; set; }

    public long AmountRefunded { get; set; }

    public bool Disputed { get; set; }

    public string? BalanceTransaction { get; set; }

    /// <summary>Stripe's processing fee: 2.9% + 30¢ online, 2.7% + 5¢ in person (US standard pricing).</summary>
    public long StripeFee => CardPresent
        ? (long)Math.Round(Amount * 0.027m, MidpointRounding.AwayFromZero) + 5
        : (long)Math.Round(Amount * 0.029m, MidpointRounding.AwayFromZero) + 30;

    public bool Succeeded => Status == "succeeded";
}
