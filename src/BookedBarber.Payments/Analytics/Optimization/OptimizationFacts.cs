using BookedBarber.Payments.Amounts;
using BookedBarber.Payments.Analytics.Rollups;

namespace BookedBarber.Payments.Analytics.Optimization;

/// <summary>What the recommendation rules look at: the period's figures per side and the priced scenarios.</summary>
public sealed record OptimizationFacts(
    Currency Currency,
    int Days,
    ModeFigures Platform,
    ModeFigures External,
    ModeTotals All,
    PricedScenario Current,
    PricedScenario Best,
    string? ConnectionRequired);
