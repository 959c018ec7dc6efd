namespace BookedBarber.Payments.Collections;

/// <summary><c>GET /platform-collections/collections/{collection_id}</c> response.</summary>
public sealed record CollectionDetailResponse(
    long Id,
    int BarberId,
    decimal Amount,
    string CollectionType,
    string Status,
    IReadOnlyList<string> ExternalTransactionIds,
    decimal CommissionRate,
    DateTimeOffset DueDate,
    string? CollectionMethod,
    string? StripeInvoiceId,
    string? PaymentIntentId,
    DateTimeOffset? CollectedAt,
    DateTimeOffset CreatedAt,
    IReadOnlyList<CollectionRelatedTransaction> RelatedTransactions,
    CollectionBreakdown CollectionBreakdown);
