using BookedBarber.Payments.Analytics;
using BookedBarber.Payments.Analytics.Peers;

namespace BookedBarber.Payments.UnitTests.Analytics.SixFigure;

public sealed class PeerPercentilesTests
{
    private static PeerMonth Peer(int barber, decimal net, int payments = 10, int successes = 10, decimal? volume = null, string currency = "USD", string month = "2026-10") =>
        new(month, barber, currency, payments, successes, volume ?? net * 1.25m, net, 0m, 5, DateTimeOffset.UnixEpoch);

    [Fact]
    public void Fewer_than_five_comparable_peers_give_no_percentiles()
    {
        var own = Peer(1, 5000m);
        var peers = new[] { Peer(1, 5000m), Peer(2, 1000m), Peer(3, 2000m), Peer(4, 3000m), Peer(5, 4000m, currency: "EUR"), Peer(6, 100m, currency: "EUR") };
        Assert.Equal(new PeerComparison(null, null, null, null), PeerPercentiles.Compare(own, null, peers, []));
    }

    [Fact]
    public void The_percentile_is_the_mid_rank_share_of_the_other_barbers_and_the_band_names_the_position()
    {
        var own = Peer(1, 5000m);
        var peers = new[] { own, Peer(2, 1000m), Peer(3, 2000m), Peer(4, 3000m), Peer(5, 5000m), Peer(6, 9000m) };
        var before = new[] { Peer(2, 500m, month: "2026-09"), Peer(3, 2000m, month: "2026-09"), Peer(4, 1500m, month: "2026-09"), Peer(5, 5000m, month: "2026-09"), Peer(6, 10000m, month: "2026-09") };

        var compared = PeerPercentiles.Compare(own, Peer(1, 2500m, month: "2026-09"), peers, before);

        // Below: 3 of 5, equal: 1 → (3 + 0.5) ÷ 5 = 70.0.
        Assert.Equal(70.0m, compared.RevenuePercentile);
        Assert.Equal("above_average", compared.MarketPosition);
        // Everyone keeps 80 % of volume at a 100 % success rate: all equal → 50.0.
        Assert.Equal(50.0m, compared.EfficiencyPercentile);
        // Own growth +100 %; peers +100 %, 0 %, +100 %, 0 %, −10 %: 3 below, 2 equal → (3 + 1) ÷ 5 = 80.0.
        Assert.Equal(80.0m, compared.GrowthRatePercentile);
    }

    [Fact]
    public void The_median_needs_five_values()
    {
        Assert.Null(PeerPercentiles.Median([1m, 2m, 3m, 4m]));
        Assert.Equal(3m, PeerPercentiles.Median([5m, 1m, 3m, 2m, 4m]));
        Assert.Equal(3.5m, PeerPercentiles.Median([5m, 1m, 3m, 2m, 4m, 6m]));
    }
}
