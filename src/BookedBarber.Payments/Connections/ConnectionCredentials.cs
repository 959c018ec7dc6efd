namespace BookedBarber.Payments.Connections;

/// <summary>
/// What a processor needs to act for the barber: Square's OAuth tokens and location, or the secret key of the barber's
/// own Stripe account. Sealed at rest by <see cref="ConnectionSecrets"/>; never returned by the API, never logged.
/// </summary>
public sealed record ConnectionCredentials(
    string? AccessToken = null,
    string? RefreshToken = null,
    string? LocationId = null,
    string? ApplicationId = null,
    string? Environment = null,
    string? SecretKey = null);
