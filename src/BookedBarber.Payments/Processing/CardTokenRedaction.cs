namespace BookedBarber.Payments.Processing;

/// <summary>
/// Processors may quote the card token in an error ("No such PaymentMethod: 'tok_…'"). Such text becomes the attempt's
/// stored failure reason, the response (kept under an Idempotency-Key) and log lines, so the tokens are cut out of
/// it where a processor's error enters the payment path.
/// </summary>
public static class CardTokenRedaction
{
    public const string Placeholder = "[card token]";

    public static string Redact(string text, CardTokens cards)
    {
        foreach (var token in new[] { cards.CardToken, cards.PlatformCardToken })
            if (!string.IsNullOrEmpty(token)) text = text.Replace(token, Placeholder, StringComparison.OrdinalIgnoreCase);
        return text;
    }

    /// <summary>The same processor error with its text redacted; the inner exception (the processor's raw answer) is dropped.</summary>
    public static Exception Redact(Exception error, CardTokens cards) => error switch
    {
        PaymentDeclinedException d => new PaymentDeclinedException(d.Processor, d.Code, d.DeclineCode, Redact(d.Message, cards), d.ProcessorPaymentId),
        ProcessorRejectedException r => new ProcessorRejectedException(r.Processor, r.Status, r.Code, Redact(r.Message, cards)),
        ProcessorUnavailableException u => new ProcessorUnavailableException(u.Processor, Redact(u.Reason, cards)),
        _ => error,
    };
}
