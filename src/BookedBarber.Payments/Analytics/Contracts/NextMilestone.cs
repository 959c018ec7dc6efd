namespace BookedBarber.Payments.Analytics;

/// <summary>The next milestone; its estimated completion is a date ("2025-08-15"), absent when it cannot be projected.</summary>
public sealed record NextMilestone(
    string Name,
    decimal TargetValue,
    decimal CurrentValue,
    decimal Progress,
    DateOnly? EstimatedCompletion);
