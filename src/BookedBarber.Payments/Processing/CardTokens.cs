
namespace BookedBarber.Payments.Processing;

/// <summary>The card tokens a client sends: one for wherever routing sends the payment, and optionally one for a platform fallback.</summary>
public sealed record CardTokens(string CardToken, string? PlatformCardToken);
