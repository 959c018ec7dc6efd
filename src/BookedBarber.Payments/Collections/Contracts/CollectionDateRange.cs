namespace BookedBarber.Payments.Collections;

/// <summary>The period summarized, inclusive.</summary>
public sealed record CollectionDateRange(DateTimeOffset Start, DateTimeOffset End);
