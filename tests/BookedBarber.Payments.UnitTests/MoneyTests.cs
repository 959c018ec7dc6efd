using BookedBarber.Payments.Amounts;

namespace BookedBarber.Payments.UnitTests;

public sealed class MoneyTests
{
    private static Money Usd(decimal amount) => Money.TryFromMajor(amount, Currency.Usd, out var m) ? m : throw new ArgumentException("bad amount");

    [Fact]
    public void ReferenceRouteExample_75Dollars_GivesFee248_Commission1500_Net5752()
    {
        var amount = Usd(75.00m);
        var processingFee = amount.Times(0.029m) + Usd(0.30m); // 2.175 + 0.30 = 2.475 → 2.48, half away from zero
        var commission = amount.Times(0.20m);
        var net = amount - processingFee - commission;

        Assert.Equal(2.48m, processingFee.ToMajor());
        Assert.Equal(15.00m, commission.ToMajor());
        Assert.Equal(17.48m, (processingFee + commission).ToMajor());
        Assert.Equal(57.52m, net.ToMajor());
    }

    [Theory]
    [InlineData(2.175, 2.18)]
    [InlineData(2.165, 2.17)]
    [InlineData(-2.175, -2.18)]
    [InlineData(0.005, 0.01)]
    [InlineData(0.004, 0.00)]
    public void Round_IsHalfAwayFromZero_ToTheCent(double major, double expected) =>
        Assert.Equal((decimal)expected, Money.Round((decimal)major, Currency.Usd).ToMajor());

    [Fact]
    public void Times_RoundsTheMinorUnitProductHalfAwayFromZero()
    {
        Assert.Equal(218, Usd(75.00m).Times(0.029m).Minor); // 217.5 → 218
        Assert.Equal(-218, new Money(-7500, Currency.Usd).Times(0.029m).Minor);
    }

    [Fact]
    public void ToMajor_CarriesTheCurrencysPlaces()
    {
        Assert.Equal("75.00", Usd(75m).ToMajor().ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(Currency.TryParse("JPY", out var yen));
        Assert.Equal("1500", new Money(1500, yen).ToMajor().ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData(75.001)]
    [InlineData(0.125)]
    public void TryFromMajor_RefusesMorePlacesThanTheCurrencyHas(double amount) =>
        Assert.False(Money.TryFromMajor((decimal)amount, Currency.Usd, out _));

    [Fact]
    public void TryFromMajor_AcceptsTrailingZeros() => Assert.Equal(7510, Usd(75.1000m).Minor);

    [Fact]
    public void CombiningCurrencies_Throws()
    {
        Assert.True(Currency.TryParse("EUR", out var eur));
        Assert.Throws<InvalidOperationException>(() => Usd(1m) + new Money(100, eur));
    }

    [Fact]
    public void ComparingCurrencies_Throws_SameCurrencyCompares()
    {
        Assert.True(Currency.TryParse("EUR", out var eur));
        Assert.Throws<InvalidOperationException>(() => Usd(1m) < new Money(100, eur));
        Assert.Throws<InvalidOperationException>(() => Usd(1m) >= new Money(100, eur));
        Assert.True(Usd(0.99m) < Usd(1m));
        Assert.True(Usd(1m) >= Usd(1m));
    }

    [Fact]
    public void Largest_IsAMillionInTheCurrencysUnits()
    {
        Assert.True(Currency.TryParse("JPY", out var yen));
        Assert.Equal(1_000_000m, Money.Largest(yen).ToMajor());
        Assert.Equal(Usd(1_000_000m), Money.Largest(Currency.Usd));
    }

    [Theory]
    [InlineData("usd", true)]
    [InlineData("USD", true)]
    [InlineData("XYZ", false)]
    [InlineData("US", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Currency_TryParse_KnowsIsoCodesItSupports(string? code, bool known) => Assert.Equal(known, Currency.TryParse(code, out _));
}
