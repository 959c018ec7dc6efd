namespace BookedBarber.Payments.Connections;

/// <summary>A refreshed Square OAuth token (ObtainToken).</summary>
public sealed record SquareObtainedToken(string AccessToken, string? RefreshToken, DateTimeOffset? ExpiresAt)
{
    public override string ToString() => "SquareObtainedToken { (redacted) }";
}
