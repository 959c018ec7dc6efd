using BookedBarber.Payments.Connections;
using BookedBarber.Payments.Errors;
using BookedBarber.Payments.Http;
using BookedBarber.Payments.Amounts;
using BookedBarber.Payments.Routing;

namespace BookedBarber.Payments.UnitTests;

public sealed class PaymentAmountRulesTests
{
    private static Money Usd(decimal major) => Money.TryFromMajor(major, Currency.Usd, out var m) ? m : throw new ArgumentException();

    [Theory]
    [InlineData(75.00, 75.00, 1.00, true)]
    [InlineData(150.00, 75.00, 1.00, true)]
    [InlineData(150.01, 75.00, 1.00, false)]
    [InlineData(74.99, 75.00, 1.00, false)]
    [InlineData(0.01, 75.00, 1.00, false)]
    [InlineData(75.00, 75.00, 0, true)]
    [InlineData(75.01, 75.00, 0, false)]
    public void TheAmountCoversThePrice_AndTheTipStaysUnderTheCap(decimal amount, decimal price, decimal maxTipRate, bool accepted)
    {
        var check = () => PaymentTarget.CheckCovers(Usd(amount), Usd(price), maxTipRate);
        if (accepted) check();
        else Assert.Equal((400, ErrorCodes.InvalidPaymentAmount), (ErrorCodes.StatusOf(Assert.Throws<DomainException>(check).Code), Assert.Throws<DomainException>(check).Code));
    }

    [Fact]
    public void ATip_CarriesNoCommission_ButIsChargedProcessingFees()
    {
        var fees = FeeCalculator.Estimate(Usd(100.00m), FeeSchedule.PlatformStripe(Currency.Usd)!, 0.20m, tip: Usd(25.00m));
        Assert.Equal((Usd(3.20m), Usd(15.00m)), (fees.ProcessingFee, fees.Commission));
        Assert.Equal(Usd(15.00m), FeeCalculator.Estimate(Usd(75.00m), FeeSchedule.PlatformStripe(Currency.Usd)!, 0.20m).Commission);
    }

    [Fact]
    public void StripesMinimumCharge_IsKnownPerCurrency_SquareHasNone()
    {
        var platform = new ProcessorOption(BarberProcessors.PlatformProcessor, null, FeeSchedule.PlatformStripe(Currency.Usd)!, true);
        var square = new ProcessorOption("square", 7, new FeeSchedule(0.029m, Usd(0.10m)), true);
        Assert.Equal(Usd(0.50m), ChargeMinimums.For(platform, Currency.Usd));
        Assert.Null(ChargeMinimums.For(square, Currency.Usd));
    }
}
