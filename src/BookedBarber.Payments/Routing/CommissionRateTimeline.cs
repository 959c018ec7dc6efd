namespace BookedBarber.Payments.Routing;

/// <summary>A barber's commission rates (shares, 0.20 = 20%) and the instants from which each applied.</summary>
public sealed class CommissionRateTimeline
{
    private readonly (DateTimeOffset From, decimal Rate)[] changes;

    public CommissionRateTimeline(IEnumerable<(DateTimeOffset From, decimal Rate)> changes)
    {
        this.changes = changes.OrderBy(c => c.From).ToArray();
        if (this.changes.Length == 0) throw new ArgumentException("A timeline needs at least one rate.", nameof(changes));
    }

    /// <summary>One rate for all time.</summary>
    public static CommissionRateTimeline Constant(decimal rate) => new([(DateTimeOffset.MinValue, rate)]);

    /// <summary>The rate in force at <paramref name="instant"/> (the earliest rate before any recorded change).</summary>
    public decimal At(DateTimeOffset instant)
    {
        var rate = changes[0].Rate;
        foreach (var (from, r) in changes)
        {
            if (from > instant) break;
            rate = r;
        }
        return rate;
    }
}
