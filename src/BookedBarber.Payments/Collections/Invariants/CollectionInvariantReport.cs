namespace BookedBarber.Payments.Collections;

/// <summary>What <see cref="CollectionInvariantChecker"/> looked at and what it found wrong (nothing, when all holds).</summary>
public sealed record CollectionInvariantReport(int BarbersChecked, int CollectionsChecked, IReadOnlyList<InvariantViolation> Violations);
