using BookedBarber.Payments.Amounts;

namespace BookedBarber.Payments.ExternalTransactions;

/// <summary>
/// A payment a barber took through their own processor (Square location, own Stripe account), however we learned of it:
/// made by our API, found by sync, or announced by a webhook. One record per processor payment, kept in the barber's
/// ledger partition. <see cref="Amount"/> is what the client paid (tip included); <see cref="Version"/> orders
/// observations of the processor's mutable fields (Square's payment version, Stripe's event time).
/// </summary>
public sealed record ExternalTransaction(
    int Id,
    int BarberId,
    int ConnectionId,
    string ProcessorType,
    string ExternalTransactionId,
    Money Amount,
    string Status,
    DateTimeOffset ProcessedAt,
    Money? ProcessorFees = null,
    Money? RefundedAmount = null,
    Money? TipAmount = null,
    int? AppointmentId = null,
    int? ClientId = null,
    string? ExternalCustomerId = null,
    string ReconciliationStatus = ExternalTransactions.ReconciliationStatus.Unmatched,
    DateTimeOffset? ReconciledAt = null,
    string? CardBrand = null,
    string? LastFour = null,
    string? EntryMethod = null,
    string? Reference = null,
    string? Note = null,
    bool Disputed = false,
    string? AttemptId = null,
    long? Version = null,
    DateTimeOffset? FirstSeenAt = null,
    DateTimeOffset? UpdatedAt = null,
    string? Source = null)
{
    /// <summary>Whether the client's money moved (refunded ones moved, then some or all came back).</summary>
    public bool Succeeded => Status is ExternalTransactionStatus.Completed or ExternalTransactionStatus.Refunded;

    /// <summary>What the barber kept of the payment: the amount less refunds; nothing when it did not succeed.</summary>
    public Money NetVolume => Succeeded ? Amount - (RefundedAmount ?? Money.Zero(Amount.Currency)) : Money.Zero(Amount.Currency);

    /// <summary>
    /// This record after a new observation of the same processor payment: the status only moves forward, refunds only
    /// grow, fees and card details follow the newest observation, the amount and time never change, and a booking match
    /// is kept unless the observation carries one of its own.
    /// </summary>
    public ExternalTransaction Absorb(ExternalTransaction observed)
    {
        var newer = observed.Version is not { } seen || Version is not { } known || seen >= known;
        var refunded = Max(RefundedAmount, observed.RefundedAmount);
        var status = ExternalTransactionStatus.CanMove(Status, observed.Status) ? observed.Status : Status;
        if (refunded is { IsPositive: true } && status == ExternalTransactionStatus.Completed) status = ExternalTransactionStatus.Refunded;
        var keepMatch = ReconciliationStatus == ExternalTransactions.ReconciliationStatus.Matched
            && observed.ReconciliationStatus != ExternalTransactions.ReconciliationStatus.Matched;
        // The same decision reached again keeps the time it was first reached: otherwise every re-scan of an unchanged
        // payment would "update" it (the reconciler stamps each decision with now).
        var sameDecision = observed.ReconciliationStatus == ReconciliationStatus && (observed.AppointmentId ?? AppointmentId) == AppointmentId;
        return this with
        {
            Status = status,
            RefundedAmount = refunded,
            ProcessorFees = newer ? observed.ProcessorFees ?? ProcessorFees : ProcessorFees ?? observed.ProcessorFees,
            TipAmount = TipAmount ?? observed.TipAmount,
            AppointmentId = keepMatch ? AppointmentId : observed.AppointmentId ?? AppointmentId,
            ClientId = keepMatch ? ClientId : observed.ClientId ?? ClientId,
            ReconciliationStatus = keepMatch ? ReconciliationStatus : observed.ReconciliationStatus,
            ReconciledAt = keepMatch || sameDecision ? ReconciledAt ?? observed.ReconciledAt : observed.ReconciledAt ?? ReconciledAt,
            ExternalCustomerId = ExternalCustomerId ?? observed.ExternalCustomerId,
            CardBrand = CardBrand ?? observed.CardBrand,
            LastFour = LastFour ?? observed.LastFour,
            EntryMethod = EntryMethod ?? observed.EntryMethod,
            Reference = Reference ?? observed.Reference,
            Note = Note ?? observed.Note,
            Disputed = Disputed || observed.Disputed,
            AttemptId = AttemptId ?? observed.AttemptId,
            Version = newer ? observed.Version ?? Version : Version,
        };
    }

    /// <summary>Whether two records say the same (ignoring bookkeeping times), so an unchanged observation writes nothing.</summary>
    public bool SameAs(ExternalTransaction other) =>
        this with { UpdatedAt = null, FirstSeenAt = null, Source = null } == other with { UpdatedAt = null, FirstSeenAt = null, Source = null };

    private static Money? Max(Money? a, Money? b) => (a, b) switch
    {
        (null, _) => b,
        (_, null) => a,
        ({ } x, { } y) => x >= y ? x : y,
    };
}
