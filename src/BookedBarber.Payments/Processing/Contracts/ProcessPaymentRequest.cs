namespace BookedBarber.Payments.Processing;

/// <summary>
/// <c>POST /hybrid-payments/process</c> (and <c>/hybrid-payments/test-routing</c>) request body.
/// Every field is optional and nullable: the handler validates presence and names the missing field.
/// </summary>
public sealed record ProcessPaymentRequest
{
    public int? AppointmentId { get; init; }

    public decimal? Amount { get; init; }

    public string? Currency { get; init; }

    public PaymentMethodData? PaymentMethodData { get; init; }

    public string? ClientPreference { get; init; }

    public IReadOnlyDictionary<string, string>? Metadata { get; init; }
}
