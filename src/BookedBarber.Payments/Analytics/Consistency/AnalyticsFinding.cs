namespace BookedBarber.Payments.Analytics.Consistency;

/// <summary>
/// One figure that does not agree: whose, over which period, which comparison (<c>rollups</c>: the rollups against the
/// ledger; <c>routing_stats</c>, <c>collections_summary</c>: an endpoint's answer against the ledger), the figure
/// (<c>mode.figure</c> or the endpoint's field), its currency when it is money, and what the ledger says against what was answered.
/// </summary>
public sealed record AnalyticsFinding(int BarberId, string Period, string Check, string Figure, string? Currency, decimal Expected, decimal Actual);
