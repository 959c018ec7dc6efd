namespace BookedBarber.Payments.Connections;

/// <summary><c>GET /external-payments/transactions</c> response.</summary>
public sealed record ListExternalTransactionsResponse(
    IReadOnlyList<ExternalTransactionListItem> Transactions,
    int TotalTransactions,
    decimal TotalAmount,
    TransactionsPagination Pagination);

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

/// <summary>The page returned and whether more follow.</summary>
public sealed record TransactionsPagination(int Limit, int Offset, bool HasMore);

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
    IReadOnlyDictionary<string, string>? ExternalMetadata,
    decimal? ProcessorFees,
    DateTimeOffset ProcessedAt,
    DateTimeOffset? ReconciledAt,
    string ReconciliationStatus,
    TransactionCommissionCollection? CommissionCollection,
    TransactionRelatedAppointment? RelatedAppointment);

/// <summary>The platform collection that carries this transaction's commission; absent until one is created.</summary>
public sealed record TransactionCommissionCollection(
    long CollectionId,
    decimal CommissionAmount,
    string CollectionStatus);

/// <summary>The appointment this transaction paid for; absent when it was not matched to one.</summary>
public sealed record TransactionRelatedAppointment(
    int Id,
    string ServiceName,
    DateTimeOffset StartTime);
