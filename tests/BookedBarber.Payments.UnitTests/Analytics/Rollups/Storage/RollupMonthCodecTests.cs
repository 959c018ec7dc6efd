using BookedBarber.Payments.Amounts;
using BookedBarber.Payments.Analytics.Rollups;
using BookedBarber.Payments.Analytics.Rollups.Storage;

namespace BookedBarber.Payments.UnitTests.Analytics.Rollups.Storage;

public sealed class RollupMonthCodecTests
{
    private static DailyRollup Day(DateOnly day, string mode, Currency currency, int payments, IReadOnlyList<int> clients, int returning = 0)
    {
        Money M(long minor) => new(minor, currency);
        var totals = new ModeTotals(currency, payments, payments - 1, M(payments * 4500L), M(-payments * 131L), M(900), M(450), M(300), M(77),
            M(1200), M(payments * 3000L), M(12), payments * 800L, payments, 2, 1);
        return new DailyRollup(day, mode, totals, clients, returning);
    }

    [Fact]
    public void A_month_round_trips_every_figure_of_every_day_mode_and_currency_including_negative_amounts_and_no_clients()
    {
        var eur = Currency.TryParse("EUR", out var e) ? e : throw new InvalidOperationException();
        List<DailyRollup> days =
        [
            Day(new DateOnly(2026, 11, 1), AnalyticsModes.Centralized, Currency.Usd, 3, [11, 12, 13], returning: 2),
            Day(new DateOnly(2026, 11, 1), AnalyticsModes.External, Currency.Usd, 1, []),
            Day(new DateOnly(2026, 11, 30), AnalyticsModes.Fallback, eur, 2, [99]),
        ];

        var entity = RollupMonthCodec.ToEntity("0000000007", new DateOnly(2026, 11, 1), days);
        var back = RollupMonthCodec.FromEntity(entity);

        Assert.Equal("m-202611", entity.RowKey);
        Assert.Equal(days.Count, back.Count);
        foreach (var (want, got) in days.Zip(back))
        {
            Assert.Equal((want.Day, want.Mode, want.ReturningClients), (got.Day, got.Mode, got.ReturningClients));
            Assert.Equal(want.Totals, got.Totals);
            Assert.Equal(want.ClientIds, got.ClientIds);
        }
    }

    [Fact]
    public void Equal_months_encode_equally_whatever_order_the_days_come_in_so_a_rebuild_can_compare()
    {
        var a = Day(new DateOnly(2026, 11, 2), AnalyticsModes.Centralized, Currency.Usd, 2, [1]);
        var b = Day(new DateOnly(2026, 11, 1), AnalyticsModes.External, Currency.Usd, 2, [2]);

        Assert.Equal(RollupMonthCodec.Encode([a, b]), RollupMonthCodec.Encode([b, a]));
    }

    [Fact]
    public void A_busy_month_of_a_100000_payments_a_year_barber_with_every_client_distinct_fits_one_row_over_chunks()
    {
        // 100,000 payments a year: ~8,500 in a 31-day month; worst case every payment a different client with a large id.
        var days = new List<DailyRollup>();
        var client = 1_000_000_000;
        for (var d = 1; d <= 31; d++)
            foreach (var mode in AnalyticsModes.All)
                days.Add(Day(new DateOnly(2026, 12, d), mode, Currency.Usd, 92, Enumerable.Range(0, 92).Select(_ => client++).ToArray(), returning: 40));

        var entity = RollupMonthCodec.ToEntity("0000000007", new DateOnly(2026, 12, 1), days);
        var chunks = entity.GetInt32(RollupMonthCodec.ChunksProperty)!.Value;

        Assert.Equal(8556, days.Sum(d => d.ClientIds.Count));
        Assert.Equal(4, chunks);   // of 16 a row may hold
        Assert.All(Enumerable.Range(0, chunks), i => Assert.InRange(entity.GetString("D" + i)!.Length, 1, 32_000));
        // Under the 1 MiB entity limit: strings are UTF-16, two bytes a character, plus keys and names.
        Assert.True(RollupMonthCodec.TextOf(entity).Length * 2 < 1_000_000);
        var back = RollupMonthCodec.FromEntity(entity);
        Assert.Equal(days.SelectMany(d => d.ClientIds), back.SelectMany(d => d.ClientIds));
    }

    [Fact]
    public void A_month_too_large_for_a_row_is_refused_rather_than_cut()
    {
        var huge = Enumerable.Range(0, 100_000).Select(i => 1_000_000_000 + i).ToArray();
        var days = Enumerable.Range(1, 2).Select(d => Day(new DateOnly(2026, 12, d), AnalyticsModes.External, Currency.Usd, 5, huge)).ToList();

        Assert.Throws<InvalidOperationException>(() => RollupMonthCodec.ToEntity("0000000007", new DateOnly(2026, 12, 1), days));
    }

    [Fact]
    public void First_paid_days_round_trip_and_spread_over_buckets_by_client()
    {
        var map = new Dictionary<int, DateOnly> { [5] = new(2026, 1, 2), [37] = new(2025, 12, 31), [6] = new(2026, 3, 4) };

        var bucket5 = FirstPaidCodec.ToEntity("0000000007", FirstPaidCodec.BucketOf(5), map.Where(p => FirstPaidCodec.BucketOf(p.Key) == FirstPaidCodec.BucketOf(5)));

        Assert.Equal(FirstPaidCodec.BucketOf(5), FirstPaidCodec.BucketOf(37));
        Assert.NotEqual(FirstPaidCodec.BucketOf(5), FirstPaidCodec.BucketOf(6));
        Assert.Equal(new Dictionary<int, DateOnly> { [5] = new(2026, 1, 2), [37] = new(2025, 12, 31) }, FirstPaidCodec.FromEntity(bucket5));
    }
}
