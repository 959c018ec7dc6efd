using BookedBarber.Payments.Processors.Square;
using Microsoft.Extensions.Logging;

namespace BookedBarber.Payments.Connections;

/// <summary>
/// Renews a Square connection's OAuth token when it expires within <see cref="TokenStates.RefreshWindow"/> (Square asks
/// for at least weekly refreshes of its 30-day tokens): ObtainToken with the sealed refresh token, the new tokens sealed.
/// A refusal marks the token expired (it already was) or revoked and the connection in error; a processor that does
/// not answer counts as a recent error and the delivery is retried. Idempotent: a token refreshed is no longer due.
/// </summary>
public sealed class ConnectionTokenRefresher(
    ConnectionStore store, ConnectionSecrets secrets, SquareClient square, SquareApplication application, TimeProvider clock,
    ILogger<ConnectionTokenRefresher> logger)
{
    /// <summary>What happened: refreshed, not_due, cannot_refresh (no refresh token or application secret), refused, or gone.</summary>
    public async Task<string> RefreshIfDueAsync(int barberId, int connectionId, CancellationToken cancellationToken)
    {
        var connection = await store.GetAsync(barberId, connectionId, cancellationToken);
        if (connection is null || connection.ProcessorType != ProcessorTypes.Square || connection.Status == ConnectionStatus.Disconnected) return "gone";
        var now = clock.GetUtcNow();
        if (connection.TokenState == TokenStates.Revoked) return "refused";
        if (connection.TokenExpiresAt is not { } expires || expires - now > TokenStates.RefreshWindow) return "not_due";

        var credentials = secrets.Open(connection);
        var clientId = application.ClientId ?? credentials.ApplicationId;
        if (credentials.RefreshToken is not { } refreshToken || clientId is null || application.ClientSecret is not { } clientSecret)
        {
            logger.LogWarning("Square connection {ConnectionId} expires {ExpiresAt} and cannot be refreshed: no refresh token or application secret.", connectionId, expires);
            await store.UpdateAsync(barberId, connectionId, c => c.Status == ConnectionStatus.Disconnected ? null : c with { TokenState = TokenStates.Of(c.TokenState, c.TokenExpiresAt, now), LastHealthCheckAt = now }, cancellationToken);
            return "cannot_refresh";
        }

        SquareObtainTokenResponse token;
        try
        {
            token = await square.RefreshTokenAsync(clientId, clientSecret, refreshToken, cancellationToken: cancellationToken);
        }
        catch (SquareApiException ex) when (!ex.IsRetryable)
        {
            var state = expires <= now ? TokenStates.Expired : TokenStates.Revoked;
            logger.LogWarning("Square refused to refresh connection {ConnectionId}'s token: {Status} {Code}; token {State}.", connectionId, ex.Status, ex.Code, state);
            await store.UpdateAsync(barberId, connectionId, c => c.Status == ConnectionStatus.Disconnected ? null : c with
            {
                TokenState = state,
                Status = ConnectionStatus.Error,
                RecentErrors = c.RecentErrors + 1,
                LastHealthCheckAt = now,
            }, cancellationToken);
            return "refused";
        }
        catch (SquareApiException)
        {
            await store.RecordProcessorErrorAsync(barberId, connectionId, now, null, cancellationToken);
            throw; // the delivery is retried; the token is still valid for a while
        }

        // Each write below skips a connection disconnected meanwhile: an archived connection never gets a token or a status back.
        var renewed = credentials with { AccessToken = token.AccessToken, RefreshToken = token.RefreshToken ?? refreshToken };
        await store.UpdateAsync(barberId, connectionId, c => c.Status == ConnectionStatus.Disconnected ? null : c with
        {
            ProtectedCredentials = secrets.Seal(barberId, renewed),
            TokenExpiresAt = token.ExpiresAt,
            TokenState = TokenStates.Of(null, token.ExpiresAt, now),
            Status = ConnectionStatus.Connected,
            RecentErrors = 0,
            LastHealthCheckAt = now,
            UpdatedAt = now,
        }, cancellationToken);
        return "refreshed";
    }
}
