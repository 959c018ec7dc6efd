namespace BookedBarber.Payments.Connections;

/// <summary>What GET /v1/account says of the barber's own Stripe account.</summary>
public sealed record StripeAccountInfo(string Id, bool ChargesEnabled, string? DefaultCurrency, string? Name);
