namespace BookedBarber.Payments.Analytics.Consistency;

/// <summary>What <see cref="AnalyticsConsistencyChecker"/> compared and what disagreed (nothing, when all agree).</summary>
public sealed record AnalyticsCheckReport(int BarbersChecked, int FiguresChecked, IReadOnlyList<AnalyticsFinding> Findings);
