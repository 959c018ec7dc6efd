
namespace BookedBarber.Payments.Routing;

/// <summary>
/// A barber's payment configuration as the API shows it: thresholds in units of its <c>currency</c>; after the reference's
/// fields, how the platform collects commission owed on outside payments (method, netting's fallback, the saved card).
/// </summary>
public sealed record PaymentConfigResponse(
    int BarberId,
    string PaymentMode,
    string? PreferredProcessor,
    bool FallbackEnabled,
    string Currency,
    decimal? MinExternalAmount,
    decimal? MaxPlatformAmount,
    decimal? SplitThreshold,
    decimal CommissionRate,
    string CommissionCollectionFrequency,
    bool AutoCollectionEnabled,
    bool WebhookNotifications,
    bool EmailNotifications,
    bool AnalyticsEnabled,
    DateTimeOffset EffectiveFrom,
    string CollectionMethod,
    string CollectionFallbackMethod,
    string? CollectionCustomerId,
    string? CollectionPaymentMethodId)
{
    public static PaymentConfigResponse From(BarberPaymentConfig c) => new(
        c.BarberId, c.PaymentMode.ToString().ToLowerInvariant(), c.PreferredProcessor, c.FallbackEnabled, c.Currency.Code,
        c.MinExternalAmount?.ToMajor(), c.MaxPlatformAmount?.ToMajor(), c.SplitThreshold?.ToMajor(), c.CommissionRate,
        c.CommissionCollectionFrequency, c.AutoCollectionEnabled, c.WebhookNotifications, c.EmailNotifications, c.AnalyticsEnabled, c.EffectiveFrom,
        c.CollectionMethod, c.CollectionFallbackMethod, c.CollectionCustomerId, c.CollectionPaymentMethodId);
}
