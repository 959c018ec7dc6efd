namespace BookedBarber.Payments.Analytics.SixFigure;

/// <summary>What a milestone measures (definitions in the README's "Six-figure insights").</summary>
public enum SixFigureMilestoneKind
{
    /// <summary>Succeeded payments, all history.</summary>
    Payments,

    /// <summary>Distinct clients who have paid, all history.</summary>
    Clients,

    /// <summary>Net earnings of one local calendar month.</summary>
    Month,

    /// <summary>Monthly revenue (<see cref="SixFigurePace"/>) over the 90 days ending on a day.</summary>
    MonthlyAverage,

    /// <summary>Net earnings of the 365 days ending on a day.</summary>
    TrailingYear,
}
