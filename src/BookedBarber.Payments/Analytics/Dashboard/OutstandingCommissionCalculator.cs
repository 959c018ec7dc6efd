using BookedBarber.Payments.Amounts;
using BookedBarber.Payments.Collections;

namespace BookedBarber.Payments.Analytics.Dashboard;

/// <summary>
/// The dashboard's outstanding commission: the barber's collections not paid — pending, due or failed — counted and their
/// amounts summed (in the newest one's currency); the next collection date is the earliest due date of a pending one,
/// else the first run of the collection timer after the open collection period ends (when the barber has a processor
/// connection or something outstanding), else null.
/// </summary>
public static class OutstandingCommissionCalculator
{
    public static readonly IReadOnlyList<string> Unpaid = [CollectionStatus.Pending, CollectionStatus.Due, CollectionStatus.Failed];

    public static OutstandingCommission Compute(IReadOnlyList<CommissionCollection> collections, DateTimeOffset now, string frequency,
        bool hasConnection, CollectionScheduleClock schedule)
    {
        var unpaid = collections.Where(c => Unpaid.Contains(c.StatusAt(now))).OrderByDescending(c => c.CreatedAt).ToList();
        var currency = unpaid.Count > 0 ? unpaid[0].Currency : Currency.Usd;
        var total = unpaid.Where(c => c.Currency == currency).Aggregate(Money.Zero(currency), (sum, c) => sum + c.Amount);
        DateTimeOffset? next = unpaid.Where(c => c.StatusAt(now) == CollectionStatus.Pending).Select(c => (DateTimeOffset?)c.DueDate).Min();
        if (next is null && (hasConnection || unpaid.Count > 0)) next = schedule.RunAtOrAfter(NextPeriodEnd(frequency, now));
        return new OutstandingCommission(unpaid.Count, total.ToMajor(), next);
    }

    /// <summary>Where the open collection period ends: the period after <see cref="CollectionPeriods.LastEnd"/>.</summary>
    public static DateTimeOffset NextPeriodEnd(string? frequency, DateTimeOffset now)
    {
        var last = CollectionPeriods.LastEnd(frequency, now);
        return frequency switch
        {
            CollectionPeriods.Daily => last.AddDays(1),
            CollectionPeriods.Monthly => last.AddMonths(1),
            _ => last.AddDays(7),
        };
    }
}
