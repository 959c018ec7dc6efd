namespace BookedBarber.ProcessorSimulators.Stripe;

/// <summary>
/// Stripe's documented test payment methods and what confirming them does. <see cref="DeclinesOnAttach"/>: Stripe checks
/// a card when it is attached to a customer, and these are refused then; the others attach and carry their behaviour
/// (insufficient funds, a decline, authentication) to every later charge of the saved card.
/// </summary>
internal sealed record StripeTestCard(
    string Brand, string Last4, string? Code = null, string? DeclineCode = null, string? Message = null, bool DeclinesOnAttach = false)
{
    public bool Succeeds => Code is null;

    /// <summary>3-D Secure on every payment: on-session it waits for the customer (requires_action); off-session it fails.</summary>
    public bool RequiresAuthentication => Code == "authentication_required";

    private static readonly StripeTestCard Visa = new("visa", "4242");
    private static readonly StripeTestCard Mastercard = new("mastercard", "4444");
    private static readonly StripeTestCard Declined = new("visa", "0002", "card_declined", "generic_decline", "Your card was declined.", DeclinesOnAttach: true);
    private static readonly StripeTestCard Insufficient = new("visa", "9995", "card_declined", "insufficient_funds", "Your card has insufficient funds.");
    private static readonly StripeTestCard Expired = new("visa", "0069", "expired_card", "expired_card", "Your card has expired.", DeclinesOnAttach: true);
    private static readonly StripeTestCard ProcessingError = new(
        "visa", "0119", "processing_error", null, "An error occurred while processing your card. Try again in a little bit.", DeclinesOnAttach: true);

    // 4000 0000 0000 0341: attaching succeeds, every charge of it is declined.
    private static readonly StripeTestCard CustomerFail = new("visa", "0341", "card_declined", "generic_decline", "Your card was declined.");

    // 4000 0027 6000 3184: authentication required on all transactions.
    private static readonly StripeTestCard AuthenticationRequired = new(
        "visa", "3184", "authentication_required", "authentication_required", "Your card was declined. This transaction requires authentication.");

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
        ["pm_card_chargeCustomerFail"] = CustomerFail,
        ["tok_chargeCustomerFail"] = CustomerFail,
        ["pm_card_authenticationRequired"] = AuthenticationRequired,
        ["tok_threeDSecureRequired"] = AuthenticationRequired,
    };

    /// <summary>Cards a reader sees at the chair, taken in turn so synced history has a mix of brands.</summary>
    private static readonly StripeTestCard[] Present =
    [
        Visa, Mastercard, new("amex", "8431"), new("visa", "0077"), new("discover", "9424"),
    ];

    public static StripeTestCard? Find(string paymentMethod) => ByPaymentMethod.GetValueOrDefault(paymentMethod);

    public static StripeTestCard InPerson(long sequence) => Present[(int)(sequence % Present.Length)];
}
