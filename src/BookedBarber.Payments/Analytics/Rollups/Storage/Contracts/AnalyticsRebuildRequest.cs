namespace BookedBarber.Payments.Analytics.Rollups.Storage;

/// <summary>The body of <c>POST /internal/analytics/rebuild</c>: the barber whose rollups to rebuild.</summary>
public sealed record AnalyticsRebuildRequest(int? BarberId);
