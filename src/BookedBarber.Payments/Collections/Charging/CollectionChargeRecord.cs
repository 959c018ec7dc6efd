namespace BookedBarber.Payments.Collections;

/// <summary>A charge Stripe holds for a collection: <see cref="Status"/> is succeeded, pending or failed; <see cref="Attempt"/> from its metadata.</summary>
public sealed record CollectionChargeRecord(string Id, string? PaymentIntentId, string Status, long AmountMinor, string Currency, int? Attempt, string? FailureCode);
