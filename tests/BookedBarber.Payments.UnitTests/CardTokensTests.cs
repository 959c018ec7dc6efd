using BookedBarber.Payments.Amounts;
using BookedBarber.Payments.Connections;
using BookedBarber.Payments.Errors;
using BookedBarber.Payments.Processing;
using BookedBarber.Payments.Routing;

namespace BookedBarber.Payments.UnitTests;

/// <summary>Which processor a card token belongs to, and which of the client's tokens the routed processor is charged with.</summary>
public sealed class CardTokensTests
{
    private static readonly FeeSchedule Fees = new(0.029m, new Money(30, Currency.Usd));
    private static readonly ProcessorOption Platform = new("stripe_platform", null, Fees, true);
    private static readonly ProcessorOption Square = new("square", 7, Fees, true);
    private static readonly ProcessorOption OwnStripe = new("stripe", 8, Fees, true);

    private static Routed To(ProcessorOption option, RoutingDecision decision = RoutingDecision.External) =>
        new(decision, option, "test", false, new FeeEstimate(new Money(248, Currency.Usd), new Money(1500, Currency.Usd)));

    [Theory]
    [InlineData("tok_visa", "stripe")]
    [InlineData("pm_card_visa", "stripe")]
    [InlineData("cnon:card-nonce-ok", "square")]
    [InlineData("ccof:customer-card-1", "square")]
    [InlineData("tok_", null)]
    [InlineData("cnon:", null)]
    [InlineData("TOK_visa", null)]
    [InlineData("4242424242424242", null)]
    [InlineData("sq0idp-nonce", null)]
    public void ATokensProcessor_IsReadFromItsPrefix(string token, string? processor) =>
        Assert.Equal(processor, CardTokenProcessors.Of(token));

    [Fact]
    public void ThePlatform_TakesThePlatformCardFirst_AConnectionTheCardFirst_EitherWhenOnlyItFits()
    {
        var both = new CardTokens("tok_card", "tok_platform");
        Assert.Equal("tok_platform", both.For(To(Platform, RoutingDecision.Centralized)));
        Assert.Equal("tok_card", both.For(To(OwnStripe)));

        var swapped = new CardTokens("tok_visa", "cnon:ok");
        Assert.Equal("cnon:ok", swapped.For(To(Square)));
        Assert.Equal("tok_visa", swapped.For(To(Platform, RoutingDecision.Centralized)));
    }

    [Fact]
    public void AFallback_ChargesAnotherTokenThanTheOneTried()
    {
        Assert.Equal("tok_platform", new CardTokens("cnon:ok", "tok_platform").ForFallback(Platform, "cnon:ok"));
        Assert.Null(new CardTokens("tok_own", null).ForFallback(Platform, "tok_own"));
        Assert.Null(new CardTokens("cnon:ok", null).ForFallback(Platform, "cnon:ok"));
    }

    [Fact]
    public void NoFittingToken_Is422NamingTheRouteAndWhatToTokenizeWith()
    {
        var error = Assert.Throws<DomainException>(() => new CardTokens("tok_visa", null).For(To(Square)));
        Assert.Equal(ErrorCodes.CardTokenProcessorMismatch, error.Code);
        Assert.Equal(422, ErrorCodes.StatusOf(error.Code));
        Assert.Equal(("square", "square", "stripe", 7), (error.Details!["processor"], error.Details["tokenize_with"], error.Details["card_token_processor"], error.Details["connection_id"]));

        var platform = Assert.Throws<DomainException>(() => new CardTokens("cnon:ok", null).For(To(Platform, RoutingDecision.Fallback)));
        Assert.Equal(("stripe", "payment_method_data.platform_card_token", "fallback"),
            (platform.Details!["tokenize_with"], platform.Details["field"], platform.Details["routing_decision"]));
    }

    [Fact]
    public void SavingThroughSquare_Is400_SavingThroughStripe_IsLeftToTheGateway()
    {
        var error = Assert.Throws<DomainException>(() => new CardTokens("cnon:ok", null, SavePaymentMethod: true).For(To(Square)));
        Assert.Equal((ErrorCodes.ValidationError, "payment_method_data.save_payment_method"), (error.Code, error.Details!["field"]));
        Assert.Equal("tok_visa", new CardTokens("tok_visa", null, SavePaymentMethod: true).For(To(OwnStripe)));
    }

    [Theory]
    [InlineData("visa", null, "payment_method_data.card_token")]
    [InlineData("tok_visa", "nonce", "payment_method_data.platform_card_token")]
    public void UnknownFormats_Are400NamingTheField(string card, string? platform, string field)
    {
        var error = Assert.Throws<DomainException>(() => CardTokens.CheckFormats(card, platform));
        Assert.Equal((ErrorCodes.ValidationError, field), (error.Code, error.Details!["field"]));
    }
}
