
using BookedBarber.Payments.Amounts;

namespace BookedBarber.Payments.Connections;

/// <summary>The per-transaction prices the barber pays their own processor; the fixed part is in the connection's currency.</summary>
public sealed record ProcessingFees(decimal CardPresent, decimal CardNotPresent, Money PerTransaction)
{
    /// <summary>Square's US online price: 2.6% in person, 2.9% + 10¢ online.</summary>
    public static readonly ProcessingFees SquareStandard = new(0.026m, 0.029m, new Money(10, Currency.Usd));

    /// <summary>Square's price in another currency: the same rates, 10 minor units per online payment.</summary>
    public static ProcessingFees Square(Currency currency) => SquareStandard with { PerTransaction = new Money(10, currency) };

    /// <summary>Stripe's standard price: 2.7% + 5¢ in person, 2.9% + 30¢ online (the fixed part in the account's currency).</summary>
    public static ProcessingFees Stripe(Currency currency) => new(0.027m, 0.029m, new Money(30, currency));

    /// <summary>Online payments are card-not-present.</summary>
    public FeeSchedule Online => new(CardNotPresent, PerTransaction);
}
