using System.Diagnostics.CodeAnalysis;

namespace BookedBarber.Payments.Amounts;

/// <summary>An ISO-4217 currency this service accepts, with its number of minor-unit digits.</summary>
public sealed record Currency(string Code, int MinorDigits)
{
    public static readonly Currency Usd = new("USD", 2);

    // The currencies Stripe and Square both settle in for the markets we serve.
    private static readonly Dictionary<string, Currency> Known = new Currency[]
    {
        Usd, new("CAD", 2), new("EUR", 2), new("GBP", 2), new("AUD", 2), new("NZD", 2), new("CHF", 2),
        new("SEK", 2), new("NOK", 2), new("DKK", 2), new("MXN", 2), new("BRL", 2), new("SGD", 2),
        new("HKD", 2), new("INR", 2), new("ZAR", 2), new("PLN", 2), new("CZK", 2), new("JPY", 0), new("KRW", 0),
    }.ToDictionary(c => c.Code, StringComparer.Ordinal);

    public static IEnumerable<Currency> Supported => Known.Values;

    public static bool TryParse(string? code, [NotNullWhen(true)] out Currency? currency)
    {
        currency = null;
        return code is { Length: 3 } && Known.TryGetValue(code.ToUpperInvariant(), out currency);
    }

    public override string ToString() => Code;
}
