namespace BookedBarber.Payments.Collections;

/// <summary><c>GET /platform-collections/my-collections</c> response.</summary>
public sealed record MyCollectionsResponse(
    IReadOnlyList<CollectionListItem> Collections,
    MyCollectionsSummary Summary,
    CollectionsPagination Pagination);

/// <summary>One commission collection as listed; <c>collected_at</c> only once collected.</summary>
public sealed record CollectionListItem(
    long Id,
    decimal Amount,
    string CollectionType,
    string Status,
    IReadOnlyList<string> ExternalTransactionIds,
    decimal CommissionRate,
    DateTimeOffset DueDate,
    string? CollectionMethod,
    DateTimeOffset? CollectedAt,
    DateTimeOffset CreatedAt);

/// <summary>Totals over the barber's collections matching the filter.</summary>
public sealed record MyCollectionsSummary(
    int TotalCollections,
    decimal TotalAmount,
    decimal PendingAmount,
    decimal CollectedAmount,
    decimal FailedAmount);

/// <summary>The page returned and whether more follow.</summary>
public sealed record CollectionsPagination(int Limit, int Offset, bool HasMore);

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

/// <summary>An external transaction whose commission this collection carries.</summary>
public sealed record CollectionRelatedTransaction(
    string ExternalTransactionId,
    decimal Amount,
    DateTimeOffset ProcessedAt);

/// <summary>What the collection charges: subtotal, processing fee and total.</summary>
public sealed record CollectionBreakdown(
    decimal Subtotal,
    decimal ProcessingFee,
    decimal TotalCharged);

/// <summary>
/// <c>POST /platform-collections/collections/{collection_id}/retry</c> request body.
/// Every field is optional and nullable: the handler validates presence and names the missing field.
/// </summary>
public sealed record RetryCollectionRequest
{
    public string? CollectionMethod { get; init; }

    public string? RetryReason { get; init; }
}

/// <summary><c>POST /platform-collections/collections/{collection_id}/retry</c> response.</summary>
public sealed record RetryCollectionResponse(
    long CollectionId,
    bool RetryInitiated,
    string NewStatus,
    int RetryAttempt,
    DateTimeOffset? EstimatedCompletion);

/// <summary><c>GET /platform-collections/summary</c> response.</summary>
public sealed record CollectionSummaryResponse(
    string Period,
    CollectionDateRange DateRange,
    CollectionSummaryTotals CollectionSummary,
    CommissionBreakdown CommissionBreakdown,
    CollectionTrends Trends);

/// <summary>The period summarized, inclusive.</summary>
public sealed record CollectionDateRange(DateTimeOffset Start, DateTimeOffset End);

/// <summary>Collection totals over the period; the average is absent when there were none.</summary>
public sealed record CollectionSummaryTotals(
    int TotalCollections,
    decimal TotalAmount,
    decimal PendingAmount,
    decimal CollectedAmount,
    decimal FailedAmount,
    decimal? AverageCollectionAmount);

/// <summary>Commission tracked, due and collected over the period; the rate is absent when nothing was due.</summary>
public sealed record CommissionBreakdown(
    decimal CommissionRate,
    decimal TotalRevenueTracked,
    decimal CommissionDue,
    decimal CommissionCollected,
    decimal? CollectionRate);

/// <summary>Percent changes against the previous period; absent when the previous period had nothing to compare.</summary>
public sealed record CollectionTrends(
    decimal? CollectionsVsPreviousPeriod,
    decimal? AmountVsPreviousPeriod,
    decimal? CollectionRateVsPreviousPeriod);
