namespace BookedBarber.ProcessorSimulators.Stripe;

/// <summary>
/// How an account looks to GET /v1/account(s) and to charges: a Connect account the platform reaches with the
/// Stripe-Account header, or a standalone account a barber owns and reaches with their own secret key.
/// </summary>
public sealed record StripeAccountSetup(
    bool ChargesEnabled = true,
    bool PayoutsEnabled = true,
    bool DetailsSubmitted = true,
    string Country = "US",
    string DefaultCurrency = "usd",
    string Type = "express",
    string? BusinessName = null,
    string? DisabledReason = null);
