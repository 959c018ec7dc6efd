using BookedBarber.Payments.Errors;

namespace BookedBarber.Payments.Amounts;

/// <summary>Validates an amount and currency from a request into <see cref="Money"/>, with the contract's error codes.</summary>
public static class AmountInput
{
    public static Currency ParseCurrency(string? code, string field = "currency")
    {
        if (string.IsNullOrWhiteSpace(code)) throw DomainException.Validation(field, $"{field} is required.");
        if (!Currency.TryParse(code, out var currency))
            throw new DomainException(ErrorCodes.UnsupportedCurrency, $"Currency '{code}' is not supported.",
                new Dictionary<string, object?> { ["field"] = field, ["currency"] = code, ["supported"] = Currency.Supported.Select(c => c.Code).ToArray() });
        return currency;
    }

    public static Money Parse(decimal? amount, Currency currency, string field = "amount")
    {
        if (amount is null) throw DomainException.Validation(field, $"{field} is required.");
        if (amount <= 0) throw Invalid(field, amount.Value, "must be greater than zero");
        if (amount > Money.Largest(currency).ToMajor()) throw Invalid(field, amount.Value, $"must not exceed {Money.Largest(currency)}");
        if (!Money.TryFromMajor(amount.Value, currency, out var money))
            throw Invalid(field, amount.Value, $"must have at most {currency.MinorDigits} decimal places for {currency.Code}");
        return money;
    }

    private static DomainException Invalid(string field, decimal amount, string reason) =>
        new(ErrorCodes.InvalidPaymentAmount, $"{field} {reason}.",
            new Dictionary<string, object?> { ["field"] = field, ["amount"] = amount, ["reason"] = reason });
}
