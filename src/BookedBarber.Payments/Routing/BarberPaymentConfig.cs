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

    /// <summary>How the platform collects commission owed on outside payments: stripe_connect, card_on_file or netting.</summary>
    public string CollectionMethod { get; init; } = DefaultCollectionMethod;

    /// <summary>What netting falls back to for what is still open at the due date: stripe_connect or card_on_file.</summary>
    public string CollectionFallbackMethod { get; init; } = DefaultCollectionMethod;

    /// <summary>The barber's customer at the platform's Stripe, and the saved card collections charge off-session.</summary>
    public string? CollectionCustomerId { get; init; }

    public string? CollectionPaymentMethodId { get; init; }

    // Collections/CollectionMethods names these; Routing cannot import Collections (Collections reads the config).
    public const string DefaultCollectionMethod = "stripe_connect";
}
