using Microsoft.IdentityModel.Tokens;

namespace BookedBarber.Payments.Security;

/// <summary>The identity provider's signing keys, fetched from its JWKS URL and cached for an hour.</summary>
public sealed class JwksKeySource(HttpClient http, Uri jwksUrl, TimeProvider clock)
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromHours(1);
    private static readonly TimeSpan MinRefreshInterval = TimeSpan.FromMinutes(1);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IReadOnlyList<SecurityKey> _keys = [];
    private DateTimeOffset _fetchedAt = DateTimeOffset.MinValue;

    public async Task<IReadOnlyList<SecurityKey>> GetKeysAsync(bool refresh, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var age = now - _fetchedAt;
        if (age < CacheFor && !(refresh && age > MinRefreshInterval)) return _keys;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (clock.GetUtcNow() - _fetchedAt < (refresh ? MinRefreshInterval : CacheFor)) return _keys;
            var json = await http.GetStringAsync(jwksUrl, cancellationToken);
            _keys = new JsonWebKeySet(json).GetSigningKeys().ToList();
            _fetchedAt = clock.GetUtcNow();
            return _keys;
        }
        finally
        {
            _gate.Release();
        }
    }
}
