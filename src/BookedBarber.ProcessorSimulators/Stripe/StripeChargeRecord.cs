namespace BookedBarber.ProcessorSimulators.Stripe;

/// <summary>
/// What a test can assert about a charge: a card charge (ch_…, with its PaymentIntent) or an account debit (py_…,
/// <see cref="SourceAccount"/> the Connect account debited). <see cref="Account"/> null = on the platform.
/// </summary>
public sealed record StripeChargeRecord(
    string Id,
    string Status,
    long Amount,
    string Currency,
    string? Account,
    string? SourceAccount,
    string? PaymentIntent,
    string? Customer,
    string? PaymentMethod,
    IReadOnlyDictionary<string, string> Metadata,
    string? FailureCode,
    DateTimeOffset Created);
