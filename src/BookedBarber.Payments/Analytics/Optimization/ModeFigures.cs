using BookedBarber.Payments.Amounts;
using BookedBarber.Payments.Analytics.Rollups;
using BookedBarber.Payments.Connections;

namespace BookedBarber.Payments.Analytics.Optimization;

/// <summary>
/// What the period's payments of one side (on the platform, or through the barber's own processors) add up to in the
/// window's main currency: the rollups' totals of those days. Payments in other currencies are left out of pricing.
/// </summary>
public sealed record ModeFigures(ModeTotals Totals)
{
    public static ModeFigures Of(RollupWindow window, Func<string, bool> mode)
    {
        var sum = ModeTotals.Zero(window.Currency);
        foreach (var day in window.Days)
            if (mode(day.Mode) && day.Totals.Currency == window.Currency) sum = sum.Plus(day.Totals);
        return new ModeFigures(sum);
    }

    /// <summary>
    /// What <paramref name="fees"/> would have charged for these succeeded payments: rate × volume + fixed × count,
    /// rounded once. Real fees round per payment, so this is within half a minor unit per payment of that.
    /// </summary>
    public Money PricedWith(FeeSchedule fees) => new(
        (long)Math.Round(Totals.Volume.Minor * fees.Rate + (decimal)Totals.Successes * fees.Fixed.Minor, 0, MidpointRounding.AwayFromZero),
        Totals.Currency);

    /// <summary>Completed ÷ settled, a fraction; null when nothing settled.</summary>
    public decimal? SuccessRate => Totals.Payments == 0 ? null : Totals.Successes / (decimal)Totals.Payments;
}
