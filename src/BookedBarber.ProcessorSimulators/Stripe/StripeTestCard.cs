namespace BookedBarber.ProcessorSimulators.Stripe;

/// <summary>Stripe's documented test payment methods and what confirming them does.</summary>
internal sealed record StripeTestCard(string Brand, string Last4, string? Code = null, string? DeclineCode = null, string? Message = null)
{
    public bool Succeeds => Code is null;

    private static readonly StripeTestCard Visa = new("visa", "4242");
    private static readonly StripeTestCard Mastercard = new("mastercard", "4444");
    private static readonly StripeTestCard Declined = new("visa", "0002", "card_declined", "generic_decline", "Your card was declined.");
    private static readonly StripeTestCard Insufficient = new("visa", "9995", "card_declined", "insufficient_funds", "Your card has insufficient funds.");
    private static readonly StripeTestCard Expired = new("visa", "0069", "expired_card", "expired_card", "Your card has expired.");
    private static readonly StripeTestCard ProcessingError = new(
        "visa", "0119", "processing_error", null, "An error occurred while processing your card. Try again in a little bit.");

    private static readonly Dictionary<string, StripeTestCard> ByPaymentMethod = new(StringComparer.Ordinal)
    {
        ["pm_card_visa"] = Visa,
        ["tok_visa"] = Visa,
        ["pm_card_mastercard"] = Mastercard,
        ["tok_mastercard"] = Mastercard,
        ["pm_card_chargeDeclined"] = Declined,
        ["tok_chargeDeclined"] = Declined,
        ["pm_card_chargeDeclinedInsufficientFunds"] = Insufficient,
        ["tok_chargeDeclinedInsufficientFunds"] = Insufficient,
        ["pm_card_chargeDeclinedExpiredCard"] = Expired,
        ["tok_chargeDeclinedExpiredCard"] = Expired,
        ["pm_card_processingError"] = ProcessingError,
        ["tok_processingError"] = ProcessingError,
    };

    /// <summary>Cards a reader sees at the chair, taken in turn so synced history has a mix of brands.</summary>
    private static readonly StripeTestCard[] Present =
    [
        Visa, Mastercard, new("amex", "8431"), new("visa", "0077"), new("discover", "9424"),
    ];

    public static StripeTestCard? Find(string paymentMethod) => ByPaymentMethod.GetValueOrDefault(paymentMethod);

    public static StripeTestCard InPerson(long sequence) => Present[(int)(sequence % Present.Length)];
}
