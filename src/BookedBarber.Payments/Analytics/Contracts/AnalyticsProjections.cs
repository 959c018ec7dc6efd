namespace BookedBarber.Payments.Analytics;

/// <summary>
/// Extension (<c>include_projections=true</c>): net earnings projected from the period's days. <c>method</c> names how:
/// <c>linear_trend_of_daily_net</c> fits a least-squares line to each local day's net earnings (days without payments
/// count as 0) and sums the line over the next 30 and 90 days (a day projected below zero counts as 0).
/// </summary>
public sealed record AnalyticsProjections(
    string Method,
    int BasisDays,
    decimal DailyNetTrend,
    decimal ProjectedNext30Days,
    decimal ProjectedNext90Days,
    decimal ProjectedAnnualPace);
