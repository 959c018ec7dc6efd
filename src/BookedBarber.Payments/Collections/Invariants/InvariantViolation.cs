namespace BookedBarber.Payments.Collections;

/// <summary>One broken invariant: whose, which collection and transaction (when it is about one), the rule, and what was found.</summary>
public sealed record InvariantViolation(int BarberId, long? CollectionId, int? TransactionId, string Rule, string Detail);
