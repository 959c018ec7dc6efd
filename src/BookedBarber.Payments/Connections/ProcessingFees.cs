
using BookedBarber.Payments.Amounts;

namespace BookedBarber.Payments.Connections;

/// <summary>The per-transaction prices the barber pays their own processor; the fixed part is in the connection's currency.</summary>
public sealed record ProcessingFees(decimal CardPresent, decimal CardNotPresent, Money PerTransaction)
{
    /// <summary>Square's US online price: 2.6% in person, 2.9% + 10¢ online.</summary>
    public static readonly ProcessingFees SquareStandard = new(0.026m, 0.029m, new Money(10, Currency.Usd));

    /// <summary>Online payments are card-not-present.</summary>
    public FeeSchedule Online => new(CardNotPresent, PerTransaction);
}
