using Azure;

namespace BookedBarber.Payments.Processing;

/// <summary>
/// The right to run one request under an <c>Idempotency-Key</c>, or — when <see cref="Replay"/> is set — the
/// response that request already produced, to be sent again as it was.
/// </summary>
/// <param name="Scope">Whose key it is (the caller's user id): two callers may use the same key.</param>
/// <param name="Key">The <c>Idempotency-Key</c> header as sent.</param>
/// <param name="Fingerprint">What the request said (<see cref="IdempotencyStore.Fingerprint"/> of its canonical form).</param>
/// <param name="ETag">The record's version when it was claimed; completing or abandoning needs it unchanged.</param>
/// <param name="Replay">The stored response when the request has already completed; null when this caller must run it.</param>
/// <param name="DerivedKey">
/// The idempotency key to give the processors (Stripe, Square; ≤ 45 characters): 32 lowercase hex digits, the same
/// for every retry of this request, including one that takes over a crashed attempt's lease, so a processor never
/// charges twice. A key reused after its record expired (24 h) gets a new one, because it names a new request.
/// </param>
public sealed record IdempotencyClaim(string Scope, string Key, string Fingerprint, ETag ETag, (int Status, string Body)? Replay, string DerivedKey)
{
    public bool IsReplay => Replay is not null;
}
