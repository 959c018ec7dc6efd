namespace BookedBarber.Payments.Amounts;

/// <summary>
/// An amount of one currency in integer minor units: the only money type. Stored as <see cref="long"/>,
/// shown in the API as a <see cref="decimal"/> with the currency's number of places.
/// Rounding anywhere in the system is half away from zero to the minor unit (<see cref="Round"/>).
/// </summary>
public readonly record struct Money(long Minor, Currency Currency)
{
    // The largest amount accepted in any single payment or threshold, in the currency's units.
    private const long MaxMajorUnits = 1_000_000;

    public static Money Zero(Currency currency) => new(0, currency);

    /// <summary>The largest amount accepted in any single payment or threshold: 1,000,000.00 in the currency's units.</summary>
    public static Money Largest(Currency currency) => new(MaxMajorUnits * (long)Pow10(currency.MinorDigits), currency);

    /// <summary>Exact conversion from an API amount; false when it has more places than the currency allows.</summary>
    public static bool TryFromMajor(decimal amount, Currency currency, out Money money)
    {
        money = default;
        var scaled = amount * Pow10(currency.MinorDigits);
        if (scaled != decimal.Truncate(scaled) || Math.Abs(amount) > MaxMajorUnits * 1000m) return false;
        money = new Money((long)scaled, currency);
        return true;
    }

    /// <summary>Rounds a computed major-unit amount half away from zero to the minor unit.</summary>
    public static Money Round(decimal major, Currency currency) =>
        new((long)Math.Round(major * Pow10(currency.MinorDigits), 0, MidpointRounding.AwayFromZero), currency);

    /// <summary>This amount times a rate (a fee percentage or a commission rate), rounded half away from zero.</summary>
    public Money Times(decimal rate) => new((long)Math.Round(Minor * rate, 0, MidpointRounding.AwayFromZero), Currency);

    /// <summary>The amount as the API shows it: a decimal carrying exactly the currency's places (75 → 75.00).</summary>
    public decimal ToMajor()
    {
        var magnitude = (ulong)Math.Abs(Minor);
        return new decimal((int)(magnitude & 0xFFFFFFFF), (int)(magnitude >> 32), 0, Minor < 0, (byte)Currency.MinorDigits);
    }

    public static Money operator +(Money a, Money b) => new(checked(a.Minor + b.Minor), Same(a, b));

    public static Money operator -(Money a, Money b) => new(checked(a.Minor - b.Minor), Same(a, b));

    // Comparing amounts of two currencies is a bug, like adding them: it throws rather than compare the numbers.
    public static bool operator <(Money a, Money b) => Compare(a, b) < 0;

    public static bool operator >(Money a, Money b) => Compare(a, b) > 0;

    public static bool operator <=(Money a, Money b) => Compare(a, b) <= 0;

    public static bool operator >=(Money a, Money b) => Compare(a, b) >= 0;

    public bool IsPositive => Minor > 0;

    public override string ToString() => $"{ToMajor()} {Currency.Code}";

    private static Currency Same(Money a, Money b) =>
        a.Currency == b.Currency ? a.Currency : throw new InvalidOperationException($"Cannot combine {a.Currency} with {b.Currency}.");

    private static int Compare(Money a, Money b)
    {
        Same(a, b);
        return a.Minor.CompareTo(b.Minor);
    }

    private static decimal Pow10(int digits) => digits switch { 0 => 1m, 2 => 100m, 3 => 1000m, _ => (decimal)Math.Pow(10, digits) };
}
