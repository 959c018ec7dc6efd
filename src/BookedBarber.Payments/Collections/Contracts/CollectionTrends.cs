namespace BookedBarber.Payments.Collections;

/// <summary>Percent changes against the previous period; absent when the previous period had nothing to compare.</summary>
public sealed record CollectionTrends(
    decimal? CollectionsVsPreviousPeriod,
    decimal? AmountVsPreviousPeriod,
    decimal? CollectionRateVsPreviousPeriod);
