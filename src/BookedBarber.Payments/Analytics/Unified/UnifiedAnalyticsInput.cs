using BookedBarber.Payments.Analytics.Rollups;

namespace BookedBarber.Payments.Analytics.Unified;

/// <summary>
/// What the unified analytics are computed from: the rollups of the local days <see cref="PreviousFrom"/> (or
/// <see cref="From"/>) .. <see cref="To"/>, the period [From, To], the barber's configuration, and the annual target
/// when the six-figure block is wanted.
/// </summary>
public sealed record UnifiedAnalyticsInput(
    string Period,
    BarberCalendar Calendar,
    RollupWindow Window,
    DateOnly From,
    DateOnly To,
    DateOnly? PreviousFrom,
    string CollectionFrequency,
    string ConfiguredMode,
    decimal? AnnualTarget,
    bool IncludeProjections);
