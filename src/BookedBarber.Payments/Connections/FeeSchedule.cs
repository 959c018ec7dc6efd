using BookedBarber.Payments.Money;

namespace BookedBarber.Payments.Connections;

/// <summary>A processor's price: a percentage of the amount plus a fixed amount per transaction, in its currency.</summary>
public sealed record FeeSchedule(decimal Rate, Money.Money Fixed)
{
    /// <summary>The platform's Stripe account: 2.9% + 30¢.</summary>
    public static readonly FeeSchedule PlatformStripe = new(0.029m, new Money.Money(30, Currency.Usd));
}
