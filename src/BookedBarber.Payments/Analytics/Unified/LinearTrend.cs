namespace BookedBarber.Payments.Analytics.Unified;

/// <summary>A least-squares line through equally spaced values (x = 0, 1, 2, …).</summary>
public sealed record LinearTrend(decimal Intercept, decimal Slope)
{
    public static LinearTrend Fit(IReadOnlyList<decimal> values)
    {
        var n = values.Count;
        if (n == 0) return new(0m, 0m);
        if (n == 1) return new(values[0], 0m);
        decimal meanX = (n - 1) / 2m, meanY = values.Sum() / n, sxy = 0m, sxx = 0m;
        for (var x = 0; x < n; x++)
        {
            sxy += (x - meanX) * (values[x] - meanY);
            sxx += (x - meanX) * (x - meanX);
        }
        var slope = sxy / sxx;
        return new(meanY - slope * meanX, slope);
    }

    public decimal At(int x) => Intercept + Slope * x;
}
