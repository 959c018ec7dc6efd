namespace BookedBarber.Payments.Connections;

/// <summary>What the processor confirmed of a connection's credentials: the account, its currency and the token's state.</summary>
public sealed record VerifiedAccount(string AccountId, string? Name, string Currency, DateTimeOffset? TokenExpiresAt, string TokenState);
