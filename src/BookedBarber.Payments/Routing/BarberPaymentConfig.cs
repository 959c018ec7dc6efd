namespace BookedBarber.Payments.Routing;

public enum PaymentMode { Centralized, Decentralized, Hybrid }

/// <summary>
/// A barber's payment configuration: the migration guide's hybrid_payment_configs fields, with its defaults.
/// Threshold amounts are in minor units of the barber's currency; null means "no threshold".
/// </summary>
public sealed record BarberPaymentConfig(
    int BarberId,
    PaymentMode PaymentMode = PaymentMode.Centralized,
    string? PreferredProcessor = null,
    bool FallbackEnabled = true,
    long? MinExternalAmountMinor = null,
    long? MaxPlatformAmountMinor = null,
    long? SplitThresholdMinor = null,
    decimal CommissionRate = BarberPaymentConfig.DefaultCommissionRate,
    string CommissionCollectionFrequency = "weekly",
    bool AutoCollectionEnabled = true,
    bool WebhookNotifications = true,
    bool EmailNotifications = true,
    bool AnalyticsEnabled = true,
    DateTimeOffset EffectiveFrom = default)
{
    public const decimal DefaultCommissionRate = 0.20m;
}
