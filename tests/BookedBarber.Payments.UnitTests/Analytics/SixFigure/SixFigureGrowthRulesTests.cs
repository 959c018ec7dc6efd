using BookedBarber.Payments.Amounts;
using BookedBarber.Payments.Analytics;
using BookedBarber.Payments.Analytics.Peers;
using BookedBarber.Payments.Analytics.SixFigure;
using BookedBarber.Payments.Booking;
using static BookedBarber.Payments.UnitTests.Analytics.SixFigure.SixFigureWorld;

namespace BookedBarber.Payments.UnitTests.Analytics.SixFigure;

public sealed class SixFigureGrowthRulesTests
{
    private static readonly SixFigureRevenueTracking OnTarget = new(100_000m, 100_000m, 8333.33m, 8333.33m, 100m, 0m);

    private static Appointment Booked(int id, string service, decimal price) =>
        new(id, Barber, id, null, service, new DateTimeOffset(2026, 11, 1, 10, 0, 0, TimeSpan.Zero), Usd(price));

    [Fact]
    public void Service_mix_is_the_share_of_booked_value_from_services_priced_above_the_average_appointment()
    {
        // Average appointment 40: the beard package (avg 70) is higher-priced, haircuts (30) are not.
        var mix = SixFigureServiceMix.Of([Booked(1, "Haircut", 30m), Booked(2, "haircut ", 30m), Booked(3, "Haircut", 30m), Booked(4, "Beard package", 70m)], Currency.Usd);
        Assert.Equal((1, 70m, 3, 90m), (mix.HigherCount, mix.HigherValue, mix.LowerCount, mix.LowerValue));
        Assert.Equal(43.8m, mix.Percent);
        Assert.Null(SixFigureServiceMix.Of([], Currency.Usd).Percent);
    }

    [Fact]
    public void Key_metrics_come_from_the_last_90_days_and_the_90_before()
    {
        var (from, _) = SixFigureTrend.Current(Today);
        var (pFrom, _) = SixFigureTrend.Previous(Today);
        // Previous period: clients 1-4; this period: clients 1 and 5, 300 net from 400 volume, one of two payments declined.
        var window = Window(
            Day(pFrom, 400m, clients: [1, 2, 3, 4]),
            Day(from, 300m, successes: 2, failures: 2, volume: 400m, clients: [1, 5]));
        var peers = Enumerable.Range(20, 5).Select(b => new PeerMonth("2026-10", b, "USD", 10, 10, 10 * 250m, 2000m, 0m, 5, DateTimeOffset.UnixEpoch));
        var f = SixFigureFigures.Of(window, Today, [], peers);

        Assert.Equal(150.00m, f.AverageClientValue);       // 300 ÷ 2 clients
        Assert.Equal(25.0m, f.ClientRetentionRate);        // 1 of 4 came back
        Assert.Equal(80.0m, f.PricingPowerIndex);          // 200 average against the peers' median 250
        Assert.Equal(37.5m, f.OperationalEfficiency);      // 50 % success × 300 ÷ 400
        Assert.Null(f.ServiceMix.Percent);
    }

    [Fact]
    public void Each_rule_names_its_metric_and_prices_its_impact_per_month_largest_first()
    {
        var (from, _) = SixFigureTrend.Current(Today);
        var (pFrom, _) = SixFigureTrend.Previous(Today);
        var window = Window(
            Day(pFrom, 400m, clients: [1, 2, 3, 4]),
            Day(from, 300m, successes: 2, failures: 2, volume: 400m, clients: [1, 5]));
        var peers = Enumerable.Range(20, 5).Select(b => new PeerMonth("2026-10", b, "USD", 10, 10, 10 * 250m, 2000m, 0m, 5, DateTimeOffset.UnixEpoch));
        var f = SixFigureFigures.Of(window, Today, [], peers);

        var rules = SixFigureGrowthRules.Recommend(f, OnTarget, Currency.Usd);

        var perMonth = 30.4375m / 90m;
        // Retention: 70 % of 4 = 3 returning, 2 more × 150 = 300 per 90 days → 101.46 → "$101/month".
        var retention = Assert.Single(rules, r => r.Category == "retention");
        Assert.Contains("client retention rate 25.0%", retention.Recommendation);
        Assert.Equal($"${decimal.Round(2 * 150m * perMonth, 0, MidpointRounding.AwayFromZero)}/month", retention.Impact);
        Assert.Equal(("hard", "6-8 weeks"), (retention.Difficulty, retention.Timeframe));
        // Pricing: (250 − 200) × 2 successes = 100 per 90 days → "$34/month".
        var pricing = Assert.Single(rules, r => r.Category == "pricing");
        Assert.Contains("pricing power index 80.0", pricing.Recommendation);
        Assert.Equal("$34/month", pricing.Impact);
        // Operations: 2 failed × 200 = 400 per 90 days → "$135/month".
        var operations = Assert.Single(rules, r => r.Category == "operations");
        Assert.Contains("operational efficiency 37.5%", operations.Recommendation);
        Assert.Equal("$135/month", operations.Impact);
        Assert.Equal(["operations", "retention", "pricing"], rules.Select(r => r.Category));
    }

    [Fact]
    public void Below_target_the_client_rule_prices_the_gap_to_the_monthly_target()
    {
        var (from, _) = SixFigureTrend.Current(Today);
        var f = SixFigureFigures.Of(Window(Day(from, 900m, clients: [1, 2, 3])), Today, [], []);
        var tracking = new SixFigureRevenueTracking(100_000m, 3652.5m, 8333.33m, 304.38m, 3.7m, null);

        var rule = Assert.Single(SixFigureGrowthRules.Recommend(f, tracking, Currency.Usd));
        Assert.Equal(("clients", "$8029/month"), (rule.Category, rule.Impact));
        Assert.Contains("average client value of $300.00", rule.Recommendation);
    }

    [Fact]
    public void Impact_in_another_currency_names_its_code() =>
        Assert.Equal("285 EUR/month", SixFigureGrowthRules.Impact(285m, new Currency("EUR", 2)));
}
