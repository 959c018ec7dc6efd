using BookedBarber.Payments.Amounts;
using BookedBarber.Payments.ExternalTransactions;
using BookedBarber.Payments.Routing;

namespace BookedBarber.Payments.Collections;

/// <summary>
/// The figures of <c>GET /platform-collections/summary</c>, from stored data only: collections created in the period,
/// and the commission borne by the outside transactions processed in it (at the rate in force when each was processed),
/// compared with the previous period of the same length. Money counts in one currency (the barber's); others are left out.
/// </summary>
public static class CollectionSummaryCalculator
{
    /// <summary>The summary periods and their lengths in days.</summary>
    public static readonly IReadOnlyDictionary<string, int> Periods = new Dictionary<string, int>
    {
        ["7_days"] = 7,
        ["30_days"] = 30,
        ["90_days"] = 90,
        ["1_year"] = 365,
    };

    /// <param name="collections">The barber's finished collections (any creation time).</param>
    /// <param name="transactions">The barber's outside transactions processed since the start of the previous period.</param>
    /// <param name="claims">Claims by transaction id.</param>
    public static CollectionSummaryResponse Summarize(
        string period, DateTimeOffset now, Currency currency, decimal currentRate, CommissionRateTimeline timeline,
        IReadOnlyList<CommissionCollection> collections, IReadOnlyList<ExternalTransaction> transactions,
        IReadOnlyDictionary<int, CommissionItem> claims)
    {
        var days = Periods[period];
        var start = now.AddDays(-days);
        var previousStart = start.AddDays(-days);
        var statusById = collections.ToDictionary(c => c.Id, c => c.StatusAt(now));

        var current = Figures(c => c >= start && c <= now);
        var previous = Figures(c => c >= previousStart && c < start);

        return new CollectionSummaryResponse(
            period,
            new CollectionDateRange(start, now),
            new CollectionSummaryTotals(
                current.Count, current.Total.ToMajor(), current.Pending.ToMajor(), current.Collected.ToMajor(), current.Failed.ToMajor(),
                current.Count == 0 ? null : Money.Round(current.Total.ToMajor() / current.Count, currency).ToMajor()),
            new CommissionBreakdown(Percent(currentRate * 100), current.Revenue.ToMajor(), current.Due.ToMajor(), current.CommissionCollected.ToMajor(), current.Rate),
            new CollectionTrends(
                Change(current.Count, previous.Count),
                Change(current.Total.Minor, previous.Total.Minor),
                current.Rate is { } now_ && previous.Rate is { } before ? Change(now_, before) : null));

        PeriodFigures Figures(Func<DateTimeOffset, bool> inPeriod)
        {
            var zero = Money.Zero(currency);
            var made = collections.Where(c => c.Currency == currency && inPeriod(c.CreatedAt)).ToList();
            Money Sum(IEnumerable<CommissionCollection> set) => set.Aggregate(zero, (s, c) => s + c.Amount);
            var bearing = transactions.Where(t => t.Amount.Currency == currency && inPeriod(t.ProcessedAt) && CommissionCalculator.Bears(t)).ToList();
            var revenue = bearing.Aggregate(zero, (s, t) => s + t.NetVolume);
            var due = zero;
            var collected = zero;
            foreach (var t in bearing)
            {
                var owed = CommissionCalculator.Owed(t, timeline.At(t.ProcessedAt));
                due += owed;
                if (claims.TryGetValue(t.Id, out var claim) && statusById.GetValueOrDefault(claim.CollectionId) == CollectionStatus.Collected) collected += owed;
            }
            return new PeriodFigures(
                made.Count,
                Sum(made),
                Sum(made.Where(c => c.StatusAt(now) is CollectionStatus.Pending or CollectionStatus.Due or CollectionStatus.Processing)),
                Sum(made.Where(c => c.Status == CollectionStatus.Collected)),
                Sum(made.Where(c => c.Status == CollectionStatus.Failed)),
                revenue, due, collected,
                due.IsPositive ? OnePlace((decimal)collected.Minor / due.Minor * 100) : null);
        }
    }

    /// <summary>Percent change from <paramref name="before"/> to <paramref name="after"/>, one place; null when there was nothing before.</summary>
    public static decimal? Change(decimal after, decimal before) =>
        before == 0 ? null : OnePlace((after - before) / before * 100);

    // Rounded to one place and always shown with it (300.0, not 300): adding 0.0 gives the sum that scale.
    private static decimal OnePlace(decimal value) => Math.Round(value, 1, MidpointRounding.AwayFromZero) + 0.0m;

    /// <summary>A percentage shown with one place, or two when it needs them (20.0, 15.75).</summary>
    public static decimal Percent(decimal value)
    {
        var two = Math.Round(value, 2, MidpointRounding.AwayFromZero);
        var one = Math.Round(two, 1, MidpointRounding.AwayFromZero);
        return one == two ? one + 0.0m : two;
    }

    private sealed record PeriodFigures(
        int Count, Money Total, Money Pending, Money Collected, Money Failed, Money Revenue, Money Due, Money CommissionCollected, decimal? Rate);
}
