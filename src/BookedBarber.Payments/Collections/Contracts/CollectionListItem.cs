namespace BookedBarber.Payments.Collections;

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
