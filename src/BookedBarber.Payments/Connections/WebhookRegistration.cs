namespace BookedBarber.Payments.Connections;

/// <summary>The outcome of registering our webhook: the subscription id and sealed signing secret, or why it failed.</summary>
public sealed record WebhookRegistration(string? SubscriptionId, string? SealedSecret, string? Failure)
{
    public bool Configured => SubscriptionId is not null;
}
