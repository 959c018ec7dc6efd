namespace BookedBarber.Payments.Webhooks;

/// <summary>Where a verified webhook event came from: a barber's Square or Stripe connection, or the platform's own Stripe account.</summary>
public static class WebhookSources
{
    public const string Square = "square";
    public const string Stripe = "stripe";
    public const string StripePlatform = "stripe-platform";
}
