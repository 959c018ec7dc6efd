namespace BookedBarber.Payments.Analytics;

/// <summary>The period analysed, inclusive.</summary>
public sealed record AnalyticsDateRange(DateTimeOffset Start, DateTimeOffset End);
