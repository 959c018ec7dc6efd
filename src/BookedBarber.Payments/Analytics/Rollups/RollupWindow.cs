using BookedBarber.Payments.Amounts;

namespace BookedBarber.Payments.Analytics.Rollups;

/// <summary>
/// A barber's daily rollups for the local days <see cref="From"/>..<see cref="To"/> (inclusive) in their shop's time
/// zone. Money is summed in <see cref="Currency"/>, the currency most of the barber's payments in the window were in
/// (USD when none): payments in other currencies count in numbers of payments only.
/// </summary>
public sealed record RollupWindow(int BarberId, TimeZoneInfo Zone, DateOnly From, DateOnly To, IReadOnlyList<DailyRollup> Days)
{
    public Currency Currency { get; } = Days
        .GroupBy(d => d.Totals.Currency)
        .OrderByDescending(g => g.Sum(d => d.Totals.Payments)).ThenBy(g => g.Key.Code, StringComparer.Ordinal)
        .Select(g => g.Key).FirstOrDefault() ?? Currency.Usd;

    /// <summary>Totals of the days in [from, to] (default: the whole window) of the given modes (default: all).</summary>
    public ModeTotals Total(IEnumerable<string>? modes = null, DateOnly? from = null, DateOnly? to = null)
    {
        var sum = ModeTotals.Zero(Currency);
        foreach (var day in Select(modes?.ToHashSet(), from, to)) sum = sum.PlusCounting(day.Totals);
        return sum;
    }

    /// <summary>The distinct clients who paid in [from, to] in the given modes (default: all).</summary>
    public IReadOnlySet<int> Clients(IEnumerable<string>? modes = null, DateOnly? from = null, DateOnly? to = null) =>
        Select(modes?.ToHashSet(), from, to).SelectMany(d => d.ClientIds).ToHashSet();

    private IEnumerable<DailyRollup> Select(HashSet<string>? modes, DateOnly? from, DateOnly? to) =>
        Days.Where(d => (modes is null || modes.Contains(d.Mode)) && d.Day >= (from ?? From) && d.Day <= (to ?? To));
}
