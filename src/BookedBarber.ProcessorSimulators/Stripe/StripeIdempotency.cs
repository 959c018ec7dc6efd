namespace BookedBarber.ProcessorSimulators.Stripe;

/// <summary>
/// Stripe's v1 idempotency layer: the first response for a key is saved for 24 h and replayed (even a 500);
/// the key with other parameters is an error; a second request while the first still runs gets 409.
/// Results that never reached the endpoint (validation errors) are not saved, so the key stays usable.
/// </summary>
public sealed class StripeIdempotency(TimeProvider clock)
{
    public static readonly TimeSpan Retention = TimeSpan.FromHours(24);

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public (StripeIdempotencyOutcome Outcome, StripeStoredResponse? Response) Begin(string scope, string fingerprint)
    {
        var now = clock.GetUtcNow();
        lock (_gate)
        {
            if (_entries.Count > 0 && _entries.Count % 1024 == 0)
            {
                foreach (var stale in _entries.Where(e => e.Value.Expires <= now).Select(e => e.Key).ToList())
                {
                    _entries.Remove(stale);
                }
            }

            if (_entries.TryGetValue(scope, out var entry) && entry.Expires > now)
            {
                if (entry.Fingerprint != fingerprint)
                {
                    return (StripeIdempotencyOutcome.Mismatch, null);
                }

                return entry.Response is null
                    ? (StripeIdempotencyOutcome.InFlight, null)
                    : (StripeIdempotencyOutcome.Replay, entry.Response);
            }

            _entries[scope] = new Entry(fingerprint, now + Retention);
            return (StripeIdempotencyOutcome.Proceed, null);
        }
    }

    public void Complete(string scope, StripeStoredResponse response)
    {
        lock (_gate)
        {
            if (_entries.TryGetValue(scope, out var entry))
            {
                entry.Response = response;
            }
        }
    }

    public void Release(string scope)
    {
        lock (_gate)
        {
            _entries.Remove(scope);
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _entries.Clear();
        }
    }

    private sealed class Entry(string fingerprint, DateTimeOffset expires)
    {
        public string Fingerprint { get; } = fingerprint;

        public DateTimeOffset Expires { get; } = expires;

        public StripeStoredResponse? Response { get; set; }
    }
}
