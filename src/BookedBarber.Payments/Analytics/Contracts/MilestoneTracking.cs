namespace BookedBarber.Payments.Analytics;

/// <summary>Milestones achieved; the next one is absent when all are achieved.</summary>
public sealed record MilestoneTracking(
    int MilestonesAchieved,
    int MilestonesTotal,
    NextMilestone? NextMilestone);
