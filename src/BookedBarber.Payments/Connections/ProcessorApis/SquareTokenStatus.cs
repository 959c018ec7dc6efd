namespace BookedBarber.Payments.Connections;

/// <summary>What RetrieveTokenStatus says of an access token.</summary>
public sealed record SquareTokenStatus(IReadOnlyList<string> Scopes, DateTimeOffset? ExpiresAt, string? MerchantId);
