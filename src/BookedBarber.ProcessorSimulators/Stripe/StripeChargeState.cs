namespace BookedBarber.ProcessorSimulators.Stripe;

/// <summary>
/// Mutable server-side Charge: one per confirmation attempt of a PaymentIntent (ch_…), or an account debit (py_…) on
/// the platform whose source is a Connect account (<see cref="SourceAccount"/>; no intent, no card). Only touched under
/// the simulator's lock.
/// </summary>
internal sealed class StripeChargeState
{
    public required string Id { get; init; }

    public required long Seq { get; init; }

    /// <summary>The account the charge lives on: null for the platform.</summary>
    public required string? Account { get; init; }

    /// <summary>Null for an account debit.</summary>
    public required string? PaymentIntent { get; init; }

    public required long Amount { get; init; }

    public required string Currency { get; init; }

    public required DateTimeOffset Created { get; init; }

    /// <summary>Null for an account debit.</summary>
    public required StripeTestCard? Card { get; init; }

    /// <summary>The Connect account an account debit takes the money from.</summary>
    public string? SourceAccount { get; init; }

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

    /// <summary>Stripe's processing fee: 2.9% + 30¢ online, 2.7% + 5¢ in person (US standard pricing); none on an account debit.</summary>
    public long StripeFee => SourceAccount is not null ? 0 : CardPresent
        ? (long)Math.Round(Amount * 0.027m, MidpointRounding.AwayFromZero) + 5
        : (long)Math.Round(Amount * 0.029m, MidpointRounding.AwayFromZero) + 30;

    public bool Succeeded => Status == "succeeded";
}
