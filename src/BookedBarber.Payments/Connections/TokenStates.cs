namespace BookedBarber.Payments.Connections;

/// <summary>What a connection's processor token is worth now (Square OAuth tokens last 30 days).</summary>
public static class TokenStates
{
    public const string Valid = "valid";
    public const string Expiring = "expiring";
    public const string Expired = "expired";
    public const string Revoked = "revoked";

    /// <summary>Square asks for a refresh at least weekly: a token expiring within this window is refreshed.</summary>
    public static readonly TimeSpan RefreshWindow = TimeSpan.FromDays(7);

    /// <summary>
    /// The state a token is in at <paramref name="now"/>: what the processor last said (revoked, expired) stands;
    /// otherwise its expiry decides (none: Stripe keys do not expire, valid).
    /// </summary>
    public static string Of(string? stored, DateTimeOffset? expiresAt, DateTimeOffset now)
    {
        if (stored is Revoked or Expired) return stored;
        if (expiresAt is not { } expiry) return Valid;
        if (expiry <= now) return Expired;
        return expiry - now <= RefreshWindow ? Expiring : Valid;
    }

    /// <summary>A token that still works (valid or expiring).</summary>
    public static bool Usable(string state) => state is Valid or Expiring;
}
