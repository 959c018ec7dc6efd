using BookedBarber.Payments.Connections;
using BookedBarber.Payments.Amounts;
using BookedBarber.Payments.Routing;

namespace BookedBarber.Payments.UnitTests;

public sealed class FeeScheduleTests
{
    private static Currency C(string code) => Currency.TryParse(code, out var c) ? c : throw new ArgumentException(code);

    [Theory]
    [InlineData("USD", 0.30)]
    [InlineData("EUR", 0.25)]
    [InlineData("GBP", 0.20)]
    [InlineData("CAD", 0.30)]
    [InlineData("AUD", 0.30)]
    public void ThePlatformsStripe_Is2Point9PercentPlusAFixedPartInTheSameCurrency(string code, decimal fixedPart)
    {
        var fees = FeeSchedule.PlatformStripe(C(code));
        Assert.NotNull(fees);
        Assert.Equal((0.029m, fixedPart, C(code)), (fees.Rate, fees.Fixed.ToMajor(), fees.Fixed.Currency));
    }

    [Theory]
    [InlineData("JPY")]
    [InlineData("CHF")]
    public void ACurrencyWithoutAnEntry_IsNotTakenOnThePlatform(string code)
    {
        Assert.Null(FeeSchedule.PlatformStripe(C(code)));
        var barber = new BarberProcessors(new BarberPaymentConfig(2), new PlatformAccount(2, "acct_2", true, DateTimeOffset.UnixEpoch), []);
        var request = barber.Request(new Money(7500, C(code)), null);
        Assert.False(request.Platform!.Available);
        Assert.Equal($"the platform does not take payments in {code}", request.Platform.UnavailableReason);
        Assert.IsType<Unroutable>(PaymentRouter.Route(request));
    }

    [Fact]
    public void AEuroPaymentOnThePlatform_PaysTheEuroFixedPart()
    {
        var amount = new Money(7500, C("EUR"));
        var estimate = FeeCalculator.Estimate(amount, FeeSchedule.PlatformStripe(C("EUR"))!, 0.20m);
        Assert.Equal((2.43m, C("EUR")), (estimate.ProcessingFee.ToMajor(), estimate.ProcessingFee.Currency)); // 2.175 + 0.25 = 2.425 → 2.43
    }

    [Fact]
    public void FeeCalculator_RefusesToPriceAnAmountWithAScheduleInAnotherCurrency() =>
        Assert.Throws<InvalidOperationException>(() => FeeCalculator.Estimate(new Money(7500, C("EUR")), FeeSchedule.PlatformStripe(Currency.Usd)!, 0.20m));
}
