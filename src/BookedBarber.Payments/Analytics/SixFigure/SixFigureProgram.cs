namespace BookedBarber.Payments.Analytics.SixFigure;

/// <summary>
/// Tier and phase of an enrolled barber, from documented thresholds of their pace (README "Six-figure insights").
/// Tier by progress = annual pace ÷ annual target: foundation &lt; 25 %, developing &lt; 50 %, established &lt; 75 %,
/// advanced &lt; 100 %, six_figure from 100 %. Phase: onboarding during the first three months after the start date;
/// then mastery when the pace reaches the target, growth while the monthly revenue is growing, plateau otherwise.
/// </summary>
public static class SixFigureProgram
{
    public const int OnboardingMonths = 3;

    public static readonly IReadOnlyList<(decimal Below, string Tier)> Tiers =
        [(25m, "foundation"), (50m, "developing"), (75m, "established"), (100m, "advanced")];

    public const string TopTier = "six_figure";

    public static string Tier(decimal progressPercent)
    {
        foreach (var (below, tier) in Tiers)
            if (progressPercent < below) return tier;
        return TopTier;
    }

    public static string Phase(DateTimeOffset startDate, DateTimeOffset now, decimal progressPercent, bool growing)
    {
        if (now < startDate.AddMonths(OnboardingMonths)) return "onboarding";
        if (progressPercent >= 100m) return "mastery";
        return growing ? "growth" : "plateau";
    }

    public static SixFigureProgramStatus Status(SixFigureSettings settings, DateTimeOffset now, decimal progressPercent, bool growing) =>
        settings is { Enrolled: true, StartDate: { } start }
            ? new(true, Tier(progressPercent), start, Phase(start, now, progressPercent, growing))
            : new(false, null, null, null);
}
