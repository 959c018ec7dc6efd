namespace BookedBarber.Payments.Analytics;

/// <summary>Revenue against the six-figure target; months to target absent when it cannot be projected.</summary>
public sealed record SixFigureRevenueTracking(
    decimal AnnualTarget,
    decimal CurrentAnnualPace,
    decimal MonthlyTarget,
    decimal CurrentMonthlyAverage,
    decimal ProgressPercentage,
    decimal? MonthsToTarget);
