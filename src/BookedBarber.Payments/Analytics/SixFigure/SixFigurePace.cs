namespace BookedBarber.Payments.Analytics.SixFigure;

/// <summary>
/// The one definition of "pace" toward the annual target: six-figure revenue is net earnings (what the barber keeps,
/// both modes); a period's monthly revenue is its net earnings ÷ its days × the average month (365.25 ÷ 12 days); the
/// annual pace is twelve of those months.
/// </summary>
public static class SixFigurePace
{
    public const decimal DaysPerMonth = 365.25m / 12m;

    public static decimal MonthlyRevenue(decimal netEarnings, int days) =>
        days <= 0 ? 0m : decimal.Round(netEarnings / days * DaysPerMonth, 2, MidpointRounding.AwayFromZero);

    public static decimal AnnualPace(decimal monthlyRevenue) => decimal.Round(monthlyRevenue * 12m, 2, MidpointRounding.AwayFromZero);

    public static decimal MonthlyTarget(decimal annualTarget) => decimal.Round(annualTarget / 12m, 2, MidpointRounding.AwayFromZero);

    /// <summary>Share of the target in percent, one decimal.</summary>
    public static decimal Progress(decimal value, decimal target) =>
        target <= 0 ? 0m : decimal.Round(value / target * 100m, 1, MidpointRounding.AwayFromZero);
}
