namespace BookedBarber.Payments.Analytics.SixFigure;

/// <summary>One of the twelve documented milestones: what is measured (<see cref="SixFigureMilestoneKind"/>) and the value to reach.</summary>
public sealed record SixFigureMilestone(string Name, SixFigureMilestoneKind Kind, decimal Target);
