namespace BookedBarber.Payments.RateLimiting;

public static class RateLimitPolicy
{
    public static readonly TimeSpan Window = TimeSpan.FromHours(1);

    /// <summary>Requests per user per hour: the reference's table (Internal is our admin feed's own).</summary>
    public static int DefaultLimit(RateLimitCategory category) => category switch
    {
        RateLimitCategory.PaymentProcessing => 100,
        RateLimitCategory.PaymentRouting => 1000,
        RateLimitCategory.ConnectionManagement => 50,
        RateLimitCategory.Analytics => 500,
        RateLimitCategory.Webhooks => 10_000,
        RateLimitCategory.Internal => 10_000,
        _ => int.MaxValue,
    };

    /// <summary>
    /// Categories whose requests are answered from this instance's running count while it is well below the limit
    /// (at most <see cref="CountAheadShare"/> of it), the counter row being written behind them: webhooks arrive in
    /// bursts from the processor, against a budget of thousands, and must be accepted in about one storage write. The
    /// count other instances added since this one last wrote is learned at its next write, so across instances the
    /// limit may be passed by what they accepted in the meantime; near the limit every request waits for its write again.
    /// </summary>
    public static bool CountsAhead(RateLimitCategory category) => category == RateLimitCategory.Webhooks;

    /// <summary>The share of the limit below which a <see cref="CountsAhead"/> category does not wait for its counter write.</summary>
    public const double CountAheadShare = 0.9;

    /// <summary>The setting suffix that overrides a category's limit, e.g. RATE_LIMIT_PAYMENT_ROUTING.</summary>
    public static string SettingSuffix(RateLimitCategory category) =>
        System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(category.ToString());
}
