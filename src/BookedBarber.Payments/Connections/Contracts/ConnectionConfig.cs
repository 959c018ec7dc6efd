namespace BookedBarber.Payments.Connections;

/// <summary>
/// Processor-specific credentials: Square's (access_token, application_id, location_id, environment, webhook_signature_key)
/// and Stripe's (secret_key, publishable_key, webhook_secret), all optional; <c>refresh_token</c> (Square's OAuth refresh
/// token, an extension of the reference) lets the platform renew the 30-day access token. WRITE-ONLY: accepted on create/update,
/// stored encrypted, never returned by any response and never printed (see <see cref="ToString"/>).
/// </summary>
public sealed record ConnectionConfig
{
    public string? AccessToken { get; init; }

    public string? RefreshToken { get; init; }

    public string? ApplicationId { get; init; }

    public string? LocationId { get; init; }

    public string? Environment { get; init; }

    public string? WebhookSignatureKey { get; init; }

    public string? SecretKey { get; init; }

    public string? PublishableKey { get; init; }

    public string? WebhookSecret { get; init; }

    /// <summary>Credentials never reach logs or exception messages.</summary>
    public override string ToString() => "ConnectionConfig { (redacted) }";
}
