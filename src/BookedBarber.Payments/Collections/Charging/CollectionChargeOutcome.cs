namespace BookedBarber.Payments.Collections;

/// <summary>
/// What Stripe answered for a collection charge. Failed: <see cref="FailureCode"/> is Stripe's code (e.g.
/// <c>insufficient_funds</c>, <c>authentication_required</c>, <c>balance_insufficient</c>, <c>account_invalid</c>) and
/// <see cref="FailureReason"/> its message.
/// </summary>
public sealed record CollectionChargeOutcome(bool Succeeded, string? ChargeId, string? PaymentIntentId, string? FailureCode = null, string? FailureReason = null)
{
    public static CollectionChargeOutcome Success(string? chargeId, string? paymentIntentId) => new(true, chargeId, paymentIntentId);

    public static CollectionChargeOutcome Failure(string code, string reason, string? chargeId = null, string? paymentIntentId = null) =>
        new(false, chargeId, paymentIntentId, code, reason);
}
