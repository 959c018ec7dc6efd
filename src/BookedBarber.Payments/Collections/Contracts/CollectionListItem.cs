namespace BookedBarber.Payments.Collections;

/// <summary>
/// One commission collection as listed; <c>collected_at</c> only once collected. Fields after <c>created_at</c> extend the
/// contract: the currency of the amounts, why the last charge failed, the charge attempt count, when dunning retries next,
/// what netting took and what credits for refunds reduced it by.
/// Extension fields are declared nullable only so the reference's examples (which lack them) still read; they are always set.
/// </summary>
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
    DateTimeOffset CreatedAt,
    string? Currency,
    string? FailedReason,
    int RetryAttempt,
    DateTimeOffset? NextRetryAt,
    decimal NettedAmount,
    decimal CreditAmount);
