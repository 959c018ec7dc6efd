namespace BookedBarber.Payments.RateLimiting;

/// <summary>The API reference's rate-limit categories, plus <see cref="None"/> for health and docs.</summary>
public enum RateLimitCategory
{
    None,
    PaymentProcessing,
    PaymentRouting,
    ConnectionManagement,
    Analytics,
    Webhooks,
    Internal,
}
