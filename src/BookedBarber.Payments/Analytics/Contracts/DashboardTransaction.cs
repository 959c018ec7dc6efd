namespace BookedBarber.Payments.Analytics;

/// <summary>One recent payment, from either route.</summary>
public sealed record DashboardTransaction(
    long Id,
    decimal Amount,
    string PaymentType,
    string Processor,
    string Status,
    DateTimeOffset ProcessedAt);
