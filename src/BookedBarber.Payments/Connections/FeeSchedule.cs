using BookedBarber.Payments.Amounts;

namespace BookedBarber.Payments.Connections;

/// <summary>A processor's price: a percentage of the amount plus a fixed amount per transaction, in its currency.</summary>
public sealed record FeeSchedule(decimal Rate, Money Fixed)
{
    private const decimal PlatformStripeRate = 0.029m;

    // The platform Stripe account's fixed part per transaction, in minor units of each currency it takes payments in.
    // A currency without an entry is not offered on the platform: we would otherwise quote fees we do not know.
    private static readonly Dictionary<string, long> PlatformStripeFixed = new(StringComparer.Ordinal)
    {
        ["USD"] = 30, ["EUR"] = 25, ["GBP"] = 20, ["CAD"] = 30, ["AUD"] = 30,
    };

    /// <summary>The platform's Stripe account in <paramref name="currency"/>: 2.9% + 0.30 USD, 0.25 EUR, 0.20 GBP, 0.30 CAD, 0.30 AUD; null for other currencies.</summary>
    public static FeeSchedule? PlatformStripe(Currency currency) =>
        PlatformStripeFixed.TryGetValue(currency.Code, out var minor) ? new(PlatformStripeRate, new Money(minor, currency)) : null;
}
