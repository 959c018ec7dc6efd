using BookedBarber.Payments.Analytics.Rollups;

namespace BookedBarber.Payments.Analytics.SixFigure;

/// <summary>
/// The twelve milestones, reached from the barber's own history (money in the window's main currency, net earnings as
/// in <see cref="SixFigurePace"/>), and the next one with its progress and an estimated date at the current pace.
/// </summary>
public static class SixFigureMilestones
{
    public static readonly IReadOnlyList<SixFigureMilestone> All =
    [
        new("First Payment", SixFigureMilestoneKind.Payments, 1m),
        new("10 Clients", SixFigureMilestoneKind.Clients, 10m),
        new("First $1K Month", SixFigureMilestoneKind.Month, 1_000m),
        new("50 Clients", SixFigureMilestoneKind.Clients, 50m),
        new("First $2.5K Month", SixFigureMilestoneKind.Month, 2_500m),
        new("100 Clients", SixFigureMilestoneKind.Clients, 100m),
        new("First $5K Month", SixFigureMilestoneKind.Month, 5_000m),
        new("$50K Trailing Year", SixFigureMilestoneKind.TrailingYear, 50_000m),
        new("Consistent $8K Monthly Revenue", SixFigureMilestoneKind.MonthlyAverage, 8_000m),
        new("250 Clients", SixFigureMilestoneKind.Clients, 250m),
        new("First $10K Month", SixFigureMilestoneKind.Month, 10_000m),
        new("Six Figures: $100K Trailing Year", SixFigureMilestoneKind.TrailingYear, 100_000m),
    ];

    /// <summary>Each milestone with the first local day of <paramref name="history"/> it was reached on.</summary>
    public static IReadOnlyList<SixFigureMilestoneReached> Reached(RollupWindow history)
    {
        var reached = new DateOnly?[All.Count];
        // One pass over the days with payments; running sums make each trailing window a subtraction, not a rescan.
        var byDay = history.Days.GroupBy(d => d.Day).OrderBy(g => g.Key).ToList();
        var days = byDay.Select(g => g.Key).ToArray();
        var prefix = new decimal[days.Length + 1];
        for (var i = 0; i < byDay.Count; i++)
            prefix[i + 1] = prefix[i] + byDay[i].Where(d => d.Totals.Currency == history.Currency).Sum(d => d.Totals.NetEarnings.ToMajor());
        decimal Sum(DateOnly from, int through) => prefix[through + 1] - prefix[LowerBound(days, from)];

        var clients = new HashSet<int>();
        var payments = 0;
        for (var k = 0; k < byDay.Count; k++)
        {
            var day = days[k];
            payments += byDay[k].Sum(d => d.Totals.Successes);
            clients.UnionWith(byDay[k].SelectMany(d => d.ClientIds));
            for (var i = 0; i < All.Count; i++)
            {
                if (reached[i] is not null) continue;
                var m = All[i];
                var value = m.Kind switch
                {
                    SixFigureMilestoneKind.Payments => payments,
                    SixFigureMilestoneKind.Clients => clients.Count,
                    SixFigureMilestoneKind.Month => Sum(new DateOnly(day.Year, day.Month, 1), k),
                    SixFigureMilestoneKind.MonthlyAverage => SixFigurePace.MonthlyRevenue(Sum(day.AddDays(1 - SixFigureTrend.PeriodDays), k), SixFigureTrend.PeriodDays),
                    _ => Sum(day.AddDays(-364), k),
                };
                if (value >= m.Target) reached[i] = day;
            }
        }
        return [.. All.Select((m, i) => new SixFigureMilestoneReached(m, reached[i]))];
    }

    /// <summary>How many are reached, and the first one (in the documented order) that is not, with progress and an estimate.</summary>
    public static MilestoneTracking Track(RollupWindow history, DateOnly today, SixFigureTrend trend)
    {
        var reached = Reached(history);
        var next = reached.FirstOrDefault(r => r.ReachedOn is null)?.Milestone;
        return new MilestoneTracking(reached.Count(r => r.ReachedOn is not null), All.Count, next is null ? null : Next(next, history, today, trend));
    }

    private static NextMilestone Next(SixFigureMilestone m, RollupWindow history, DateOnly today, SixFigureTrend trend)
    {
        var (from, _) = SixFigureTrend.Current(today);
        decimal current;
        DateOnly? estimate;
        switch (m.Kind)
        {
            case SixFigureMilestoneKind.Payments or SixFigureMilestoneKind.Clients:
            {
                // Counts grow by what the last 90 days added: succeeded payments, or clients paying for the first time.
                var before = history.Clients(null, history.From, from.AddDays(-1));
                var all = history.Clients();
                current = m.Kind == SixFigureMilestoneKind.Payments ? history.Total().Successes : all.Count;
                var added = m.Kind == SixFigureMilestoneKind.Payments ? history.Total(null, from, today).Successes : all.Count(c => !before.Contains(c));
                estimate = added <= 0 ? null : today.AddDays((int)Math.Ceiling((m.Target - current) / added * SixFigureTrend.PeriodDays));
                break;
            }
            case SixFigureMilestoneKind.TrailingYear:
            {
                // The monthly revenue must reach a twelfth of the target, then the part of the year not yet at that level must pass.
                current = history.Total(null, today.AddDays(-364), today).NetEarnings.ToMajor();
                var months = trend.MonthsToReach(m.Target / 12m);
                estimate = months is null ? null : AddMonths(today, months.Value + 12m * (1m - Math.Max(0m, current) / m.Target));
                break;
            }
            default:
            {
                // A month's (or the 90-day average's) revenue at the current pace: the monthly average now, reached when it grows to the target.
                current = trend.CurrentMonthly;
                var months = trend.MonthsToReach(m.Target);
                estimate = months switch
                {
                    null => null,
                    0m => new DateOnly(today.Year, today.Month, 1).AddMonths(1).AddDays(-1), // a whole month at this pace: this one's end
                    _ => AddMonths(today, months.Value),
                };
                break;
            }
        }
        return new NextMilestone(m.Name, m.Target, current, Math.Min(100m, SixFigurePace.Progress(current, m.Target)), estimate);
    }

    private static int LowerBound(DateOnly[] days, DateOnly day)
    {
        var i = Array.BinarySearch(days, day);
        return i >= 0 ? i : ~i;
    }

    private static DateOnly AddMonths(DateOnly today, decimal months) =>
        today.AddDays((int)Math.Ceiling(months * SixFigurePace.DaysPerMonth));
}
