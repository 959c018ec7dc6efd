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

    /// <summary>The setting suffix that overrides a category's limit, e.g. RATE_LIMIT_PAYMENT_ROUTING.</summary>
    public static string SettingSuffix(RateLimitCategory category) =>
        System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(category.ToString());
}
