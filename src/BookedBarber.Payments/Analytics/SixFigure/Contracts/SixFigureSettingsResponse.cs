namespace BookedBarber.Payments.Analytics.SixFigure;

/// <summary>A barber's six-figure settings (defaults until set: target 100,000, not enrolled); <c>updated_at</c> null until set.</summary>
public sealed record SixFigureSettingsResponse(int BarberId, decimal AnnualTarget, bool Enrolled, DateTimeOffset? StartDate, DateTimeOffset? UpdatedAt)
{
    public static SixFigureSettingsResponse From(SixFigureSettings s) => new(s.BarberId, s.AnnualTarget, s.Enrolled, s.StartDate, s.UpdatedAt);
}
