namespace BookedBarber.Payments.Routing;

/// <summary>One of the barber's external processor connections, as listed with the payment options.</summary>
public sealed record ExternalConnectionSummary(
    long Id,
    string ProcessorType,
    string? AccountName,
    string Status,
    DateTimeOffset? LastTransaction);
