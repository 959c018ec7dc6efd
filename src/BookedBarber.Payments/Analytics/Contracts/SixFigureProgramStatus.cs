namespace BookedBarber.Payments.Analytics;

/// <summary>The barber's enrolment in the Six Figure Barber program; tier, start and phase only when enrolled.</summary>
public sealed record SixFigureProgramStatus(
    bool Enrolled,
    string? Tier,
    DateTimeOffset? StartDate,
    string? CurrentPhase);
