using BookedBarber.Payments.Amounts;
using BookedBarber.Payments.Booking;

namespace BookedBarber.Payments.Analytics.SixFigure;

/// <summary>
/// The period's booked appointments (in the barber's main currency) split into higher-priced services (a service, by
/// name, whose average price is above the average appointment price) and the rest. The service mix figure is the
/// higher-priced services' share of the booked value, in percent.
/// </summary>
public sealed record SixFigureServiceMix(int HigherCount, decimal HigherValue, int LowerCount, decimal LowerValue)
{
    public decimal? Percent => HigherValue + LowerValue <= 0 ? null : Routing.RoutingNames.Percent(HigherValue / (HigherValue + LowerValue));

    public decimal? HigherAverage => HigherCount == 0 ? null : HigherValue / HigherCount;

    public decimal? LowerAverage => LowerCount == 0 ? null : LowerValue / LowerCount;

    public static SixFigureServiceMix Of(IEnumerable<Appointment> appointments, Currency currency)
    {
        var booked = appointments.Where(a => a.Price.Currency == currency && a.Price.Minor > 0).ToList();
        if (booked.Count == 0) return new(0, 0m, 0, 0m);
        var average = booked.Average(a => a.Price.ToMajor());
        var higher = booked
            .GroupBy(a => a.ServiceName.Trim(), StringComparer.OrdinalIgnoreCase)
            .Where(g => g.Average(a => a.Price.ToMajor()) > average)
            .SelectMany(g => g).ToHashSet();
        var lower = booked.Where(a => !higher.Contains(a)).ToList();
        return new(higher.Count, higher.Sum(a => a.Price.ToMajor()), lower.Count, lower.Sum(a => a.Price.ToMajor()));
    }
}
