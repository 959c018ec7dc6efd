namespace BookedBarber.Payments.Analytics;

/// <summary>The barber's month under each payment mode.</summary>
public sealed record ScenarioAnalysis(
    RevenueScenario AllCentralized,
    RevenueScenario AllExternal,
    RevenueScenario CurrentHybrid);
