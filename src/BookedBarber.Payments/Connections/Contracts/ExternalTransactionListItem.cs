namespace BookedBarber.Payments.Connections;

/// <summary>One transaction synced from an external processor, as listed.</summary>
public sealed record ExternalTransactionListItem(
    long Id,
    long ConnectionId,
    string ProcessorType,
    string ExternalTransactionId,
    decimal Amount,
    string Currency,
    string Status,
    int BarberId,
    int? AppointmentId,
    int? ClientId,
    string? ExternalCustomerId,
    decimal? ProcessorFees,
    DateTimeOffset ProcessedAt,
    DateTimeOffset? ReconciledAt,
    string ReconciliationStatus);
