using BookedBarber.Payments.Amounts;

namespace BookedBarber.Payments.Collections;

/// <summary>
/// One commission collection: the commission of the outside transactions it covers, less credits for refunds of
/// transactions collected before, charged once (per attempt key) by its method. Kept in the barber's ledger partition
/// beside the items it covers, so creating it and claiming them is one entity-group transaction per 100 rows.
/// </summary>
public sealed record CommissionCollection(
    long Id,
    int BarberId,
    Currency Currency,
    string Status,
    string Method,
    DateTimeOffset CreatedAt,
    DateTimeOffset DueDate,
    DateTimeOffset Cutoff,
    decimal CommissionRate,
    long CommissionMinor,
    long CreditMinor,
    IReadOnlyList<int> TransactionIds,
    IReadOnlyList<string> ExternalTransactionIds,
    long ProcessingFeeMinor = 0,
    long NettedMinor = 0,
    long ReservedMinor = 0,
    bool NettingClosed = false,
    int RetryAttempt = 0,
    int AutomaticRetries = 0,
    DateTimeOffset? NextRetryAt = null,
    bool NeedsOperator = false,
    DateTimeOffset? ProcessingSince = null,
    string? ChargeMethod = null,
    string? ChargeIdempotencyKey = null,
    string? ChargeId = null,
    string? PaymentIntentId = null,
    string? StripeInvoiceId = null,
    DateTimeOffset? CollectedAt = null,
    string? FailureCode = null,
    string? FailedReason = null,
    DateTimeOffset? FailedAt = null,
    int BuildCursor = 0,
    DateTimeOffset? UpdatedAt = null)
{
    /// <summary>What the barber owes for this collection: the commissions less the credits.</summary>
    public Money Amount => new(CommissionMinor - CreditMinor, Currency);

    /// <summary>What netting has already taken of it.</summary>
    public Money Netted => new(NettedMinor, Currency);

    /// <summary>What is left to charge: the amount less what netting took.</summary>
    public Money Remaining => new(CommissionMinor - CreditMinor - NettedMinor, Currency);

    public Money ProcessingFee => new(ProcessingFeeMinor, Currency);

    public string RowKey => CollectionRows.RowKey(CreatedAt, Id);

    /// <summary>The status a reader sees: a pending collection whose due date passed is due.</summary>
    public string StatusAt(DateTimeOffset now) => Status == CollectionStatus.Pending && now >= DueDate ? CollectionStatus.Due : Status;

    /// <summary>The processor idempotency key of charge attempt <paramref name="attempt"/> of this collection.</summary>
    public static string ChargeKey(long collectionId, int attempt) =>
        FormattableString.Invariant($"commission-collection-{collectionId}-attempt-{attempt}");
}
