namespace BookedBarber.Payments.RateLimiting;

/// <summary>The outcome of counting one request: what goes in the X-RateLimit-* headers, and whether to refuse it.</summary>
public sealed record RateLimitDecision(int Limit, int Remaining, DateTimeOffset ResetAt, bool Allowed);
