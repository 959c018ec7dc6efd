namespace BookedBarber.Payments.Analytics;

/// <summary>Progress towards six-figure annual revenue, within the unified analytics.</summary>
public sealed record SixFigureProgress(
    decimal TargetAnnualRevenue,
    decimal TargetMonthlyRevenue,
    decimal CurrentMonthlyRevenue,
    decimal ProgressPercentage,
    decimal ProjectedAnnual,
    decimal GapToTarget,
    IReadOnlyList<string> Recommendations);
