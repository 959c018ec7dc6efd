namespace BookedBarber.Payments.Processing;

/// <summary>
/// How the client pays: a tokenized card, optionally saved for later. Card tokens belong to one processor; a client that
/// wants a payment to survive its barber's processor being down also sends <c>platform_card_token</c> (the same card
/// tokenized for the platform's Stripe), used only for a fallback.
/// </summary>
public sealed record PaymentMethodData
{
    public string? CardToken { get; init; }

    public string? PlatformCardToken { get; init; }

    public bool? SavePaymentMethod { get; init; }
}
