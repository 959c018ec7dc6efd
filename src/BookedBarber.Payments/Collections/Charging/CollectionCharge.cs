using BookedBarber.Payments.Amounts;

namespace BookedBarber.Payments.Collections;

/// <summary>One charge attempt of a collection: <see cref="IdempotencyKey"/> is <see cref="CommissionCollection.ChargeKey"/>.</summary>
public sealed record CollectionCharge(long CollectionId, int BarberId, int Attempt, Money Amount, string IdempotencyKey, string Description);
