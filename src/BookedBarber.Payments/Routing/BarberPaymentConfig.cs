using BookedBarber.Payments.Amounts;

namespace BookedBarber.Payments.Routing;

/// <summary>
/// A barber's payment configuration: the migration guide's hybrid_payment_configs fields, with its defaults.
/// Thresholds are amounts of the barber's <see cref="Currency"/> (null means "no threshold"); they apply only to
/// payments in that currency.
/// </summary>
public sealed record BarberPaymentConfig(
    int BarberId,
    PaymentMode PaymentMode = PaymentMode.Centralized,
    string? PreferredProcessor = null,
    bool FallbackEnabled = true,
    Money? MinExternalAmount = null,
    Money? MaxPlatformAmount = null,
    Money? SplitThreshold = null,
    decimal CommissionRate = BarberPaymentConfig.DefaultCommissionRate,
    string CommissionCollectionFrequency = "weekly",
    bool AutoCollectionEnabled = true,
    bool WebhookNotifications = true,
    bool EmailNotifications = true,
    bool AnalyticsEnabled = true,
    DateTimeOffset EffectiveFrom = default)
{
    public const decimal DefaultCommissionRate = 0.20m;

    /// <summary>The currency the barber's thresholds are set in; USD unless the barber chose another.</summary>
    public Currency Currency { get; init; } = Currency.Usd;
}
