namespace BookedBarber.Payments.Connections;

/// <summary>What a connection's processor token is worth now (Square OAuth tokens last 30 days).</summary>
public static class TokenStates
{
    public const string Valid = "valid";
    public const string Expiring = "expiring";
    public const string Expired = "expired";
    public const string Revoked = "revoked";
}
