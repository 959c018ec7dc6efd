using BookedBarber.Payments.Analytics.Peers;
using BookedBarber.Payments.Analytics.Rollups;
using BookedBarber.Payments.Booking;
using BookedBarber.Payments.Routing;

namespace BookedBarber.Payments.Analytics.SixFigure;

/// <summary>
/// The key metrics of the last 90 days (<see cref="SixFigureTrend.Current"/>) and what the growth rules need besides.
/// Definitions (the README's copy): average client value = net earnings ÷ distinct paying clients; client retention =
/// share of the previous 90 days' clients who paid again in the last 90; service mix = <see cref="SixFigureServiceMix"/>;
/// pricing power = average succeeded payment ÷ the peers' median average payment of the last full month × 100;
/// operational efficiency = success rate × net earnings ÷ volume, in percent. Null when there is nothing to measure.
/// </summary>
public sealed record SixFigureFigures(
    Rollups.ModeTotals Current,
    int Clients,
    int PreviousClients,
    int ReturnedClients,
    SixFigureServiceMix ServiceMix,
    decimal? PeerMedianTransaction)
{
    public decimal Net => Current.NetEarnings.ToMajor();

    public decimal? AverageClientValue => Clients == 0 ? null : Round2(Net / Clients);

    public decimal? ClientRetentionRate => PreviousClients == 0 ? null : RoutingNames.Percent((decimal)ReturnedClients / PreviousClients);

    public decimal? AverageTransaction => Current.Successes == 0 ? null : Current.Volume.ToMajor() / Current.Successes;

    public decimal? PricingPowerIndex => AverageTransaction is { } a && PeerMedianTransaction is { } m && m > 0 ? RoutingNames.Percent(a / m) : null;

    public decimal? SuccessRate => Current.Payments == 0 ? null : (decimal)Current.Successes / Current.Payments;

    public decimal? OperationalEfficiency =>
        SuccessRate is { } s && Current.Volume.Minor > 0 ? RoutingNames.Percent(s * (Net / Current.Volume.ToMajor())) : null;

    public SixFigureKeyMetrics KeyMetrics => new(AverageClientValue, ClientRetentionRate, ServiceMix.Percent, PricingPowerIndex, OperationalEfficiency);

    public static SixFigureFigures Of(RollupWindow window, DateOnly today, IEnumerable<Appointment> appointments, IEnumerable<PeerMonth> lastFullMonth)
    {
        var (from, to) = SixFigureTrend.Current(today);
        var (pFrom, pTo) = SixFigureTrend.Previous(today);
        var clients = window.Clients(null, from, to);
        var previous = window.Clients(null, pFrom, pTo);
        var peerAverages = PeerPercentiles.Others(window.BarberId, window.Currency.Code, lastFullMonth)
            .Select(PeerPercentiles.AverageTransaction).OfType<decimal>().ToList();
        return new(window.Total(null, from, to), clients.Count, previous.Count, previous.Count(clients.Contains),
            SixFigureServiceMix.Of(appointments, window.Currency), PeerPercentiles.Median(peerAverages));
    }

    private static decimal Round2(decimal value) => decimal.Round(value, 2, MidpointRounding.AwayFromZero);
}
