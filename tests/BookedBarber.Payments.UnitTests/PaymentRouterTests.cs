using BookedBarber.Payments.Connections;
using BookedBarber.Payments.Amounts;
using BookedBarber.Payments.Routing;

namespace BookedBarber.Payments.UnitTests;

public sealed class PaymentRouterTests
{
    private static readonly ProcessorOption Platform = new("stripe_platform", null, FeeSchedule.PlatformStripe(Currency.Usd)!, Available: true);
    private static readonly ProcessorOption Square = new("square", 5, new FeeSchedule(0.026m, new Money(10, Currency.Usd)), Available: true);
    private static readonly ProcessorOption OwnStripe = new("stripe", 6, new FeeSchedule(0.029m, new Money(30, Currency.Usd)), Available: true);
    private static readonly ProcessorOption SquareDown = Square with { Available = false, UnavailableReason = "circuit open" };

    private static Money Usd(decimal amount) => Money.TryFromMajor(amount, Currency.Usd, out var m) ? m : throw new ArgumentException("amount");

    private static RoutingOutcome Route(BarberPaymentConfig config, decimal amount = 75m, ClientPreference? preference = null,
        ProcessorOption? platform = null, params ProcessorOption[] connections) =>
        PaymentRouter.Route(new RoutingRequest(config, platform ?? Platform, connections, Usd(amount), preference));

    private static BarberPaymentConfig Hybrid(string? preferred = "square") => new(1, PaymentMode.Hybrid, preferred);

    [Fact]
    public void Centralized_TakesThePlatform_WithTheReferencesFees()
    {
        var routed = Assert.IsType<Routed>(Route(new BarberPaymentConfig(2), connections: Square));
        Assert.Equal(RoutingDecision.Centralized, routed.Decision);
        Assert.True(routed.Processor.IsPlatform);
        Assert.Equal((2.48m, 15.00m, 17.48m), (routed.Fees.ProcessingFee.ToMajor(), routed.Fees.Commission.ToMajor(), routed.Fees.Total.ToMajor()));
        Assert.Equal(57.52m, FeeCalculator.Net(Usd(75m), routed.Fees).ToMajor());
    }

    [Fact]
    public void Centralized_IgnoresAClientPreferenceForExternal() =>
        Assert.Equal(RoutingDecision.Centralized, Assert.IsType<Routed>(Route(new BarberPaymentConfig(2), preference: ClientPreference.External, connections: Square)).Decision);

    [Fact]
    public void Hybrid_PrefersTheBarbersPreferredProcessor()
    {
        var routed = Assert.IsType<Routed>(Route(Hybrid("stripe"), connections: [Square, OwnStripe]));
        Assert.Equal((RoutingDecision.External, 6), (routed.Decision, routed.Processor.ConnectionId));
        Assert.True(routed.FallbackAvailable);
    }

    [Fact]
    public void Hybrid_WithoutAPreferredProcessor_TakesTheCheapest() =>
        Assert.Equal(5, Assert.IsType<Routed>(Route(Hybrid(null), connections: [OwnStripe, Square])).Processor.ConnectionId);

    [Fact]
    public void Hybrid_ClientPreference_Decides() =>
        Assert.Equal(RoutingDecision.Centralized, Assert.IsType<Routed>(Route(Hybrid(), preference: ClientPreference.Platform, connections: Square)).Decision);

    [Theory]
    [InlineData(19.99, RoutingDecision.Centralized)] // below min_external_amount 20.00
    [InlineData(20.00, RoutingDecision.External)]
    public void Hybrid_BelowTheMinimumForExternal_GoesToThePlatform(decimal amount, RoutingDecision expected) =>
        Assert.Equal(expected, Assert.IsType<Routed>(Route(Hybrid() with { MinExternalAmount = Usd(20m) }, amount, connections: Square)).Decision);

    [Theory]
    [InlineData(49.99, RoutingDecision.Centralized)]
    [InlineData(50.00, RoutingDecision.External)]
    public void Hybrid_SplitThreshold_SendsLargerAmountsExternal(decimal amount, RoutingDecision expected) =>
        Assert.Equal(expected, Assert.IsType<Routed>(Route(Hybrid() with { SplitThreshold = Usd(50m) }, amount, connections: Square)).Decision);

    [Fact]
    public void Hybrid_AboveThePlatformMaximum_GoesExternal() =>
        Assert.Equal(RoutingDecision.External, Assert.IsType<Routed>(Route(Hybrid() with { MaxPlatformAmount = Usd(100m), SplitThreshold = Usd(500m) }, 150m, connections: Square)).Decision);

    private static readonly Currency Eur = Currency.TryParse("EUR", out var eur) ? eur : throw new InvalidOperationException();
    private static readonly ProcessorOption EurPlatform = new("stripe_platform", null, FeeSchedule.PlatformStripe(Eur)!, Available: true);
    private static readonly ProcessorOption EurSquare = new("square", 8, new FeeSchedule(0.026m, new Money(10, Eur)), Available: true);

    private static RoutingOutcome RouteEur(BarberPaymentConfig config, decimal amount) =>
        PaymentRouter.Route(new RoutingRequest(config, EurPlatform, [EurSquare], new Money((long)(amount * 100), Eur), null));

    [Theory]
    [InlineData(150, 200, null)]  // 150.00 is below the 200.00 USD minimum for Square, in number only
    [InlineData(40, null, 250)]   // 40.00 is below the 250.00 USD split threshold, in number only
    public void Hybrid_AEuroPayment_IsNotComparedWithUsdThresholds(decimal amount, int? minExternal, int? split)
    {
        var usdThresholds = Hybrid() with
        {
            MinExternalAmount = minExternal is { } min ? Usd(min) : null,
            SplitThreshold = split is { } s ? Usd(s) : null,
        };
        var euro = Assert.IsType<Routed>(RouteEur(usdThresholds, amount));
        Assert.Equal((RoutingDecision.External, "hybrid mode prefers the barber's processor"), (euro.Decision, euro.Reason));
        // The same number in dollars is decided by the thresholds.
        Assert.Equal(RoutingDecision.Centralized, Assert.IsType<Routed>(Route(usdThresholds, amount, connections: Square)).Decision);
    }

    [Fact]
    public void Hybrid_AEuroPayment_AboveAUsdPlatformMaximumInNumber_StaysWhereModeAndPreferenceSendIt()
    {
        var usdMaximum = Hybrid() with { MaxPlatformAmount = Usd(50m) };
        var euro = Assert.IsType<Routed>(PaymentRouter.Route(new RoutingRequest(usdMaximum, EurPlatform, [EurSquare with { Available = false }], new Money(7500, Eur), null)));
        Assert.Equal(RoutingDecision.Centralized, euro.Decision); // the USD maximum would have wanted Square, then fallen back
        Assert.Equal(Eur, euro.Fees.ProcessingFee.Currency);
    }

    [Fact]
    public void ExternalDown_WithFallback_IsFallbackOnThePlatform()
    {
        var routed = Assert.IsType<Routed>(Route(new BarberPaymentConfig(1, PaymentMode.Decentralized, "square"), connections: SquareDown));
        Assert.Equal(RoutingDecision.Fallback, routed.Decision);
        Assert.True(routed.Processor.IsPlatform);
        Assert.Equal(2.48m, routed.Fees.ProcessingFee.ToMajor());
    }

    [Fact]
    public void ExternalDown_WithoutFallback_IsUnroutable_ListingWhatWasConsidered()
    {
        var failure = Assert.IsType<Unroutable>(Route(new BarberPaymentConfig(1, PaymentMode.Decentralized, "square", FallbackEnabled: false), connections: SquareDown));
        Assert.Contains("fallback is disabled", failure.Reason);
        Assert.Contains(failure.Considered, c => c.UnavailableReason == "circuit open");
    }

    [Fact]
    public void Hybrid_PlatformDown_UsesTheBarbersProcessor() =>
        Assert.Equal(RoutingDecision.External, Assert.IsType<Routed>(Route(Hybrid(), preference: ClientPreference.Platform, platform: Platform with { Available = false }, connections: Square)).Decision);

    [Fact]
    public void Centralized_PlatformDown_IsUnroutable() =>
        Assert.IsType<Unroutable>(Route(new BarberPaymentConfig(2), platform: Platform with { Available = false }, connections: Square));

    [Fact]
    public void Square_75Dollars_CostsTwoSixPercentPlusTenCents()
    {
        var estimate = FeeCalculator.Estimate(Usd(75m), Square.Fees, 0.20m);
        Assert.Equal(2.05m, estimate.ProcessingFee.ToMajor()); // 1.95 + 0.10
        Assert.Throws<ArgumentOutOfRangeException>(() => FeeCalculator.Estimate(Usd(75m), Square.Fees, 1.5m));
    }
}
