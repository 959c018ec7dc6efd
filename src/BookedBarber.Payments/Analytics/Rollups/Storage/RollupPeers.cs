using BookedBarber.Payments.Analytics.Peers;

namespace BookedBarber.Payments.Analytics.Rollups.Storage;

/// <summary>A barber's <see cref="PeerMonth"/> from the month's rollups: figures in the month's main currency.</summary>
public static class RollupPeers
{
    public static PeerMonth Of(int barberId, DateOnly month, IReadOnlyList<DailyRollup> days, TimeZoneInfo zone, DateTimeOffset now)
    {
        var window = new RollupWindow(barberId, zone, month, month.AddMonths(1).AddDays(-1), days);
        var t = window.Total();
        return new PeerMonth(
            month.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture),
            barberId,
            window.Currency.Code,
            t.Payments,
            t.Successes,
            t.Volume.ToMajor(),
            t.NetEarnings.ToMajor(),
            (t.ProcessingFees + t.CommissionDeducted + t.CommissionOwed).ToMajor(),
            window.Clients().Count,
            now);
    }
}
