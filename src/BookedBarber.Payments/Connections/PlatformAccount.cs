namespace BookedBarber.Payments.Connections;

/// <summary>The barber's Stripe Connect account on the platform: where centralized payments are transferred.</summary>
public sealed record PlatformAccount(int BarberId, string StripeAccountId, bool ChargesEnabled, DateTimeOffset ConnectedAt);
