using BookedBarber.Payments.Connections;
using BookedBarber.Payments.Amounts;

namespace BookedBarber.Payments.Routing;

/// <summary>
/// The smallest charge a processor accepts, in minor units of the currency. Stripe publishes its minimums per settlement
/// currency (0.50 USD); below them it refuses the charge, so we refuse first, before anything is recorded or called.
/// Square is not listed: its payments are held only to cover their fees.
/// </summary>
public static class ChargeMinimums
{
    private static readonly Dictionary<string, long> Stripe = new(StringComparer.Ordinal)
    {
        ["USD"] = 50, ["CAD"] = 50, ["EUR"] = 50, ["AUD"] = 50, ["NZD"] = 50, ["CHF"] = 50, ["SGD"] = 50, ["BRL"] = 50, ["INR"] = 50,
        ["GBP"] = 30, ["DKK"] = 250, ["NOK"] = 300, ["SEK"] = 300, ["HKD"] = 400, ["MXN"] = 1000, ["PLN"] = 200, ["CZK"] = 1500,
        ["JPY"] = 50,
    };

    /// <summary>The processor's minimum for the currency, or null when it has none we know of.</summary>
    public static Money? For(ProcessorOption processor, Currency currency)
    {
        var isStripe = processor.IsPlatform || processor.Processor == ProcessorTypes.Stripe;
        return isStripe && Stripe.TryGetValue(currency.Code, out var minor) ? new Money(minor, currency) : null;
    }
}
