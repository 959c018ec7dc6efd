namespace BookedBarber.Payments.Collections;

/// <summary>
/// What the audit trail keeps of one collection transition: the state, not the whole row (a collection's id lists can
/// exceed what one audit property holds).
/// </summary>
public sealed record CollectionTransition(
    long CollectionId,
    string Status,
    int RetryAttempt,
    int AutomaticRetries,
    string? ChargeMethod,
    long ChargedMinor,
    string Currency,
    string? ChargeIdempotencyKey,
    string? ChargeId,
    string? FailureCode,
    string? FailedReason,
    DateTimeOffset? NextRetryAt,
    bool NeedsOperator,
    string? Reason = null)
{
    public static CollectionTransition Of(CommissionCollection c, string? reason = null) => new(
        c.Id, c.Status, c.RetryAttempt, c.AutomaticRetries, c.ChargeMethod, c.Remaining.Minor + c.ProcessingFeeMinor, c.Currency.Code,
        c.ChargeIdempotencyKey, c.ChargeId, c.FailureCode, c.FailedReason, c.NextRetryAt, c.NeedsOperator, reason);
}
