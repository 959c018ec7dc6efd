using BookedBarber.Payments.Connections;

namespace BookedBarber.Payments.Processing;

/// <summary>
/// Which processor tokenized a card: Stripe's tokens and payment methods (<c>tok_…</c>, <c>pm_…</c>) are good only at
/// Stripe (the platform's or a barber's own account), Square's card nonces and cards on file (<c>cnon:…</c>,
/// <c>ccof:…</c>) only at Square. Anything else is no card token we could charge.
/// </summary>
public static class CardTokenProcessors
{
    private static readonly (string Prefix, string Processor)[] Prefixes =
    [
        ("tok_", ProcessorTypes.Stripe), ("pm_", ProcessorTypes.Stripe), ("cnon:", ProcessorTypes.Square), ("ccof:", ProcessorTypes.Square),
    ];

    /// <summary>The processor family (<c>stripe</c> or <c>square</c>) whose token this is; null for an unknown format.</summary>
    public static string? Of(string? token)
    {
        if (token is null) return null;
        foreach (var (prefix, processor) in Prefixes)
            if (token.Length > prefix.Length && token.StartsWith(prefix, StringComparison.Ordinal)) return processor;
        return null;
    }

    /// <summary>The token family a routed processor charges: the platform's Stripe and a barber's own Stripe both take Stripe's.</summary>
    public static string For(string routedProcessor) => routedProcessor == ProcessorTypes.Square ? ProcessorTypes.Square : ProcessorTypes.Stripe;

    /// <summary>The formats we accept, for error messages.</summary>
    public const string Formats = "tok_… or pm_… (Stripe), cnon:… or ccof:… (Square)";
}
