using System.Text.Json.Nodes;

namespace BookedBarber.ProcessorSimulators.Stripe;

/// <summary>Mutable server-side PaymentIntent; only touched under the simulator's lock.</summary>
internal sealed class StripePaymentIntentState
{
    public required string Id { get; init; }

    /// <summary>Creation order, so lists are newest first even when history is seeded out of order.</summary>
    public long Seq { get; init; }

    public required long Amount { get; init; }

    public required string Currency { get; init; }

    public required DateTimeOffset Created { get; init; }

    public required List<string> PaymentMethodTypes { get; init; }

    public required Dictionary<string, string> Metadata { get; init; }

    public List<string>? AllowedPaymentMethodTypes { get; init; }

    public bool AutomaticPaymentMethods { get; init; }

    public string? Description { get; init; }

    public long? ApplicationFeeAmount { get; init; }

    public string? Destination { get; init; }

    public string? StripeAccount { get; init; }

    public string? IdempotencyKey { get; init; }

    public string? Customer { get; init; }

    public string? SetupFutureUsage { get; init; }

    public string Status { get; set; } = "requires_payment_method";

    public string? PaymentMethod { get; set; }

    public string? LatestCharge { get; set; }

    public long AmountReceived { get; set; }

    public long AmountRefunded { get; set; }

    public JsonObject? LastPaymentError { get; set; }

    /// <summary>The customer is not in the checkout flow (off_session=true): authentication cannot happen, it fails instead.</summary>
    public bool OffSession { get; set; }

    /// <summary>What the customer must do next (requires_action), e.g. authenticate with 3-D Secure.</summary>
    public JsonObject? NextAction { get; set; }

    public string ClientSecret => $"{Id}_secret_{Id[3..]}";

    public StripePaymentIntentRecord ToRecord() => new(
        Id, Amount, Currency, Status, PaymentMethod, ApplicationFeeAmount, Destination, StripeAccount,
        new Dictionary<string, string>(Metadata), IdempotencyKey, LatestCharge, Created);
}
