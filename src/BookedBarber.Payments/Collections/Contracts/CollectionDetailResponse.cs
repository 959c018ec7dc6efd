namespace BookedBarber.Payments.Collections;

/// <summary>
/// <c>GET /platform-collections/collections/{collection_id}</c> response. Fields after <c>collection_breakdown</c> extend
/// the contract (as in the list item), plus the processor's charge id, the credits the collection carries and whether
/// dunning gave up and an operator must act.
/// Extension fields are declared nullable only so the reference's examples (which lack them) still read; they are always set.
/// </summary>
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
    CollectionBreakdown CollectionBreakdown,
    string? Currency,
    string? FailedReason,
    int? RetryAttempt,
    DateTimeOffset? NextRetryAt,
    decimal NettedAmount,
    decimal CreditAmount,
    string? ChargeId,
    IReadOnlyList<CollectionCreditLine>? Credits,
    bool NeedsOperator);
