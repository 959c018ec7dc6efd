using BookedBarber.Payments.Http;

namespace BookedBarber.Payments.Routing;

/// <summary>
/// A change to the configuration: only the fields present change. Thresholds accept null to clear them and are read in
/// the <c>currency</c> sent with them, else the stored one. The saved card's ids accept null to clear them.
/// </summary>
public sealed record PaymentConfigUpdateRequest(
    string? PaymentMode,
    string? PreferredProcessor,
    bool? FallbackEnabled,
    string? Currency,
    Optional<decimal?> MinExternalAmount,
    Optional<decimal?> MaxPlatformAmount,
    Optional<decimal?> SplitThreshold,
    decimal? CommissionRate,
    string? CommissionCollectionFrequency,
    bool? AutoCollectionEnabled,
    bool? WebhookNotifications,
    bool? EmailNotifications,
    bool? AnalyticsEnabled,
    string? CollectionMethod,
    string? CollectionFallbackMethod,
    Optional<string?> CollectionCustomerId,
    Optional<string?> CollectionPaymentMethodId);
