namespace BookedBarber.Payments.Analytics.SixFigure;

/// <summary>A milestone and the local day it was first reached (null while not reached).</summary>
public sealed record SixFigureMilestoneReached(SixFigureMilestone Milestone, DateOnly? ReachedOn);
