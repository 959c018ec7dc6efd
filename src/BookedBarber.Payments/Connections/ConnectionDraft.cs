namespace BookedBarber.Payments.Connections;

/// <summary>
/// A create request that passed our own checks: the processor, the account it names (Square: the location id; Stripe:
/// the acct id when given, else read from the key's account), the credentials to check at the processor, and a webhook
/// secret the barber set up themselves (used only when we are not to register our own).
/// </summary>
public sealed record ConnectionDraft(
    string ProcessorType,
    string? AccountId,
    string? AccountName,
    ConnectionCredentials Credentials,
    bool WebhookNotifications,
    string? ManualWebhookSecret)
{
    public override string ToString() => $"ConnectionDraft {{ {ProcessorType} {AccountId} }}";
}
