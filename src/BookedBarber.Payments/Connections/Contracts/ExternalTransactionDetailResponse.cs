namespace BookedBarber.Payments.Connections;

/// <summary><c>GET /external-payments/transactions/{transaction_id}</c> response.</summary>
public sealed record ExternalTransactionDetailResponse(
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
    ExternalTransactionMetadata ExternalMetadata,
    decimal? ProcessorFees,
    DateTimeOffset ProcessedAt,
    DateTimeOffset? ReconciledAt,
    string ReconciliationStatus,
    TransactionCommissionCollection? CommissionCollection,
    TransactionRelatedAppointment? RelatedAppointment);
