using BookedBarber.Payments.Processing;

namespace BookedBarber.Payments.UnitTests;

public sealed class CardTokenRedactionTests
{
    private static readonly CardTokens Cards = new("cnon:secret-nonce", "tok_platform_secret");

    [Fact]
    public void EveryProcessorErrorLosesBothTokens_AndKeepsItsCodes()
    {
        var declined = (PaymentDeclinedException)CardTokenRedaction.Redact(new PaymentDeclinedException("square", "CARD_DECLINED", "card_declined", "Card CNON:SECRET-NONCE declined", "p1"), Cards);
        var rejected = (ProcessorRejectedException)CardTokenRedaction.Redact(new ProcessorRejectedException("stripe_platform", 400, "resource_missing", "No such PaymentMethod: 'tok_platform_secret'"), Cards);
        var unavailable = (ProcessorUnavailableException)CardTokenRedaction.Redact(
            new ProcessorUnavailableException("square", "connection error: source cnon:secret-nonce", new HttpRequestException("cnon:secret-nonce")), Cards);

        Assert.Equal(("Card [card token] declined", "card_declined", "p1"), (declined.Message, declined.DeclineCode, declined.ProcessorPaymentId));
        Assert.Equal(("No such PaymentMethod: '[card token]'", 400, "resource_missing"), (rejected.Message, rejected.Status, rejected.Code));
        Assert.Equal("connection error: source [card token]", unavailable.Reason);
        Assert.Null(unavailable.InnerException);
        Assert.DoesNotContain("secret", unavailable.Message);
    }
}
