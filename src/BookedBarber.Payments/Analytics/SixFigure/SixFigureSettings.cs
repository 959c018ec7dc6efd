namespace BookedBarber.Payments.Analytics.SixFigure;

/// <summary>
/// A barber's six-figure goal: the annual revenue target (default 100,000 in the barber's currency) and whether and since
/// when they are enrolled in the Six Figure Barber program. Set by the barber or an admin.
/// </summary>
public sealed record SixFigureSettings(int BarberId, decimal AnnualTarget, bool Enrolled, DateTimeOffset? StartDate, DateTimeOffset? UpdatedAt)
{
    public const decimal DefaultAnnualTarget = 100_000m;

    public static SixFigureSettings Default(int barberId) => new(barberId, DefaultAnnualTarget, false, null, null);
}
