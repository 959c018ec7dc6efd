namespace BookedBarber.ProcessorSimulators.Stripe;

/// <summary>How a connected account looks to GET /v1/accounts/{id} and to destination charges.</summary>
public sealed record StripeAccountSetup(
    bool ChargesEnabled = true,
    bool PayoutsEnabled = true,
    bool DetailsSubmitted = true,
    string Country = "US",
    string DefaultCurrency = "usd",
    string Type = "express");
