using BookedBarber.Payments.Amounts;

namespace BookedBarber.Payments.Ledger;

/// <summary>
/// One try to take a payment, recorded before the processor is called and settled after. A centralized payment may also
/// carry <see cref="NettedCommission"/>: commission the barber owes on outside payments (collection
/// <see cref="NettingCollectionId"/>, at <see cref="NettingCollectionRow"/> of their partition) added to its application fee.
/// </summary>
public sealed record PaymentAttempt(
    string AttemptId,
    int BarberId,
    int AppointmentId,
    Money Amount,
    string Decision,
    string Processor,
    int? ConnectionId,
    string Status,
    Money ProcessingFee,
    Money Commission,
    bool CommissionCollected,
    string ProcessorIdempotencyKey,
    DateTimeOffset CreatedAt,
    string? ProcessorPaymentId = null,
    DateTimeOffset? ProcessedAt = null,
    long? DurationMs = null,
    string? DeclineCode = null,
    string? FailureReason = null,
    string? FallbackFrom = null,
    bool FallbackAvailable = false,
    Money? Tip = null,
    Money? Refunded = null,
    DateTimeOffset? DisputedAt = null,
    string? SavedPaymentMethodId = null,
    string? SavedCustomerId = null,
    Money? NettedCommission = null,
    long? NettingCollectionId = null,
    string? NettingCollectionRow = null)
{
    /// <summary>Attempts sort by time inside the barber's partition, so a period is one range read.</summary>
    public string RowKey => AttemptKey.RowKeyOf(CreatedAt, AttemptId);
}
