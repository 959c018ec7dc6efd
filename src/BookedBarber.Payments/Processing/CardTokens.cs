using BookedBarber.Payments.Connections;
using BookedBarber.Payments.Errors;
using BookedBarber.Payments.Routing;

namespace BookedBarber.Payments.Processing;

/// <summary>
/// The card tokens a client sends: one for wherever routing sends the payment, and optionally one for a platform fallback.
/// A token is good at one processor only (<see cref="CardTokenProcessors"/>), so the routed processor is charged with the
/// token that fits it; when none does, the payment is refused before anything is recorded or charged.
/// </summary>
public sealed record CardTokens(string CardToken, string? PlatformCardToken, bool SavePaymentMethod = false)
{
    /// <summary>
    /// The token to charge the routed processor with, or 422 <c>CARD_TOKEN_PROCESSOR_MISMATCH</c> naming the processor and
    /// what to tokenize the card with. Never a processor call that could only fail (Square refusing a Stripe token as 502).
    /// Saving the card is refused (400) where we cannot save it (Square), rather than charging without saving.
    /// </summary>
    public string For(Routed routed)
    {
        if (SavePaymentMethod && routed.Processor.Processor == ProcessorTypes.Square)
            // Our Square client has no CreateCard yet: refused, never charged while silently not saving.
            throw new DomainException(ErrorCodes.ValidationError,
                "save_payment_method is not supported for payments through Square yet: send it false (or leave it out), or pay through Stripe.",
                new Dictionary<string, object?>
                {
                    ["field"] = "payment_method_data.save_payment_method", ["reason"] = "not supported for square",
                    ["processor"] = routed.Processor.Processor, ["connection_id"] = routed.Processor.ConnectionId,
                });
        return Fitting(routed.Processor) ?? throw Mismatch(routed);
    }

    /// <summary>
    /// The token that fits the processor: the platform takes the card tokenized for it (<c>platform_card_token</c>) when
    /// the client sent one, a connection the <c>card_token</c>; either is used when it is the only one that fits.
    /// </summary>
    public string? Fitting(ProcessorOption processor)
    {
        var wanted = CardTokenProcessors.For(processor.Processor);
        var order = processor.IsPlatform ? new[] { PlatformCardToken, CardToken } : [CardToken, PlatformCardToken];
        return order.FirstOrDefault(token => CardTokenProcessors.Of(token) == wanted);
    }

    /// <summary>The token a platform fallback charges: one that fits the platform, other than the one that was already tried.</summary>
    public string? ForFallback(ProcessorOption platform, string tried) =>
        Fitting(platform) is { } token && token != tried ? token : null;

    /// <summary>Each token given has a format we know, or 400 <c>VALIDATION_ERROR</c> naming its field.</summary>
    public static void CheckFormats(string? cardToken, string? platformCardToken)
    {
        if (cardToken is not null && CardTokenProcessors.Of(cardToken) is null)
            throw DomainException.Validation("payment_method_data.card_token",
                $"payment_method_data.card_token is not a card token we know: use {CardTokenProcessors.Formats}.");
        if (platformCardToken is not null && CardTokenProcessors.Of(platformCardToken) is null)
            throw DomainException.Validation("payment_method_data.platform_card_token",
                $"payment_method_data.platform_card_token is not a card token we know: use {CardTokenProcessors.Formats}.");
    }

    private DomainException Mismatch(Routed routed)
    {
        var processor = routed.Processor;
        var tokenizeWith = CardTokenProcessors.For(processor.Processor);
        var where = processor.IsPlatform ? "the platform's Stripe"
            : processor.Processor == ProcessorTypes.Square ? "the barber's Square location" : "the barber's own Stripe account";
        var field = processor.IsPlatform && PlatformCardToken is null ? "payment_method_data.platform_card_token" : "payment_method_data.card_token";
        var processorName = tokenizeWith == ProcessorTypes.Square ? "Square" : "Stripe";
        return new DomainException(ErrorCodes.CardTokenProcessorMismatch,
            $"The payment goes to {where} ({RoutingNames.Decision(routed.Decision)}: {routed.Reason}), which cannot charge a card tokenized with " +
            $"{CardTokenProcessors.Of(CardToken)}. Tokenize the card with {processorName} and send it as {field}.",
            new Dictionary<string, object?>
            {
                ["field"] = field,
                ["routing_decision"] = RoutingNames.Decision(routed.Decision),
                ["processor"] = processor.Processor,
                ["connection_id"] = processor.ConnectionId,
                ["tokenize_with"] = tokenizeWith,
                ["card_token_processor"] = CardTokenProcessors.Of(CardToken),
                ["platform_card_token_processor"] = CardTokenProcessors.Of(PlatformCardToken),
            });
    }
}
