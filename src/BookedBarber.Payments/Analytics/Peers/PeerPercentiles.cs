namespace BookedBarber.Payments.Analytics.Peers;

/// <summary>
/// Where a barber stands among the platform's other barbers in one month (PeerMonth rows of the same currency).
/// A percentile is the mid-rank share: (peers below + half of peers equal) ÷ peers × 100, one decimal. Fewer than
/// <see cref="MinPeers"/> comparable peers: null, never a percentile of a handful.
/// </summary>
public static class PeerPercentiles
{
    public const int MinPeers = 5;

    /// <summary>Market position by revenue percentile: top_performer from 75, above_average from 50, average from 25, else developing.</summary>
    public static readonly IReadOnlyList<(decimal AtLeast, string Position)> Positions =
        [(75m, "top_performer"), (50m, "above_average"), (25m, "average"), (0m, "developing")];

    /// <summary>Success rate × net earnings ÷ volume: how much of what a barber charges they keep; null without payments or volume.</summary>
    public static decimal? Efficiency(PeerMonth m) =>
        m.Payments > 0 && m.Volume > 0 ? (decimal)m.Successes / m.Payments * (m.NetEarnings / m.Volume) : null;

    /// <summary>Net earnings growth over the month before; null when the month before earned nothing.</summary>
    public static decimal? Growth(PeerMonth m, PeerMonth? before) =>
        before is { NetEarnings: > 0 } b ? (m.NetEarnings - b.NetEarnings) / b.NetEarnings : null;

    /// <summary>Average succeeded payment; null without successes.</summary>
    public static decimal? AverageTransaction(PeerMonth m) => m.Successes > 0 ? m.Volume / m.Successes : null;

    public static decimal? Percentile(decimal? value, IReadOnlyCollection<decimal> peers)
    {
        if (value is not { } v || peers.Count < MinPeers) return null;
        var below = peers.Count(p => p < v);
        var equal = peers.Count(p => p == v);
        return decimal.Round((below + equal / 2m) / peers.Count * 100m, 1, MidpointRounding.AwayFromZero);
    }

    public static decimal? Median(IReadOnlyCollection<decimal> values)
    {
        if (values.Count < MinPeers) return null;
        var sorted = values.Order().ToArray();
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2m;
    }

    /// <summary>The other barbers of the month in the barber's currency.</summary>
    public static IReadOnlyList<PeerMonth> Others(int barberId, string currency, IEnumerable<PeerMonth> month) =>
        [.. month.Where(p => p.BarberId != barberId && p.CurrencyCode == currency)];

    public static PeerComparison Compare(PeerMonth own, PeerMonth? ownBefore, IReadOnlyList<PeerMonth> month, IReadOnlyList<PeerMonth> monthBefore)
    {
        var peers = Others(own.BarberId, own.CurrencyCode, month);
        var before = monthBefore.Where(p => p.CurrencyCode == own.CurrencyCode).ToDictionary(p => p.BarberId);
        var revenue = Percentile(own.NetEarnings, [.. peers.Select(p => p.NetEarnings)]);
        var efficiency = Percentile(Efficiency(own), [.. peers.Select(Efficiency).OfType<decimal>()]);
        var growth = Percentile(Growth(own, ownBefore), [.. peers.Select(p => Growth(p, before.GetValueOrDefault(p.BarberId))).OfType<decimal>()]);
        return new PeerComparison(revenue, efficiency, growth, revenue is { } r ? Positions.First(b => r >= b.AtLeast).Position : null);
    }
}
