using System.Globalization;
using BookedBarber.Payments.Amounts;
using BookedBarber.Payments.Configuration;
using BookedBarber.Payments.Http;
using BookedBarber.Payments.Processors.Square;
using BookedBarber.Payments.Queues;
using BookedBarber.Payments.Sync;
using Microsoft.Extensions.Logging;

namespace BookedBarber.Payments.Connections;

/// <summary>
/// A connection's life: created after the processor confirmed its credentials, with our webhook registered there and a
/// first sync queued; updated (new credentials checked again, webhooks turned on or off); deleted by removing the
/// webhook, revoking what can be revoked and archiving the row (transactions stay; the account can be connected again).
/// </summary>
public sealed class ConnectionManager(
    ConnectionStore store,
    ConnectionSecrets secrets,
    ConnectionVerifier verifier,
    ConnectionWebhooks webhooks,
    SquareClient square,
    SquareApplication application,
    QueueSender queues,
    PaymentsSettings settings,
    TimeProvider clock,
    ILogger<ConnectionManager> logger)
{
    public const string RemovedMessage = "Connection removed successfully";

    /// <summary>Our webhook URL for a connection: the public base URL (or the request's) + /api/v1/webhooks/{processor}/{id}.</summary>
    public string WebhookUrl(Uri requestBase, string processorType, int connectionId) => WebhookUrl(settings, requestBase, processorType, connectionId);

    /// <summary>The same, without a manager (the dev host subscribes its demo connection before anything else is resolved).</summary>
    public static string WebhookUrl(PaymentsSettings settings, Uri requestBase, string processorType, int connectionId)
    {
        var root = (settings.PublicBaseUrl ?? requestBase).GetLeftPart(UriPartial.Path).TrimEnd('/');
        return $"{root}/{RouteTable.Prefix}/webhooks/{processorType}/{connectionId.ToString(CultureInfo.InvariantCulture)}";
    }

    public async Task<CreateConnectionResponse> CreateAsync(int barberId, CreateConnectionRequest request, Uri requestBase, CancellationToken cancellationToken)
    {
        var draft = ConnectionRules.ForCreate(request);
        var verified = await verifier.VerifyAsync(draft.ProcessorType, draft.AccountId, draft.Credentials, cancellationToken);
        var now = clock.GetUtcNow();
        var id = await store.NextIdAsync(cancellationToken);
        var url = WebhookUrl(requestBase, draft.ProcessorType, id);
        var currency = Currency.TryParse(verified.Currency, out var known) ? known : Currency.Usd;
        var isSquare = draft.ProcessorType == ProcessorTypes.Square;
        var created = await store.CreateAsync(new ProcessorConnection(
            id, barberId, draft.ProcessorType, verified.AccountId, draft.AccountName ?? verified.Name, ConnectionStatus.Connected,
            secrets.Seal(barberId, draft.Credentials), isSquare ? verified.AccountId : null, currency.Code,
            isSquare ? ProcessingFees.Square(currency) : ProcessingFees.Stripe(currency), now,
            SupportsRecurring: !isSquare,
            WebhookNotifications: draft.WebhookNotifications,
            WebhookUrl: url,
            ProtectedWebhookSecret: draft.ManualWebhookSecret is { } manual ? secrets.SealSecret(barberId, manual) : null,
            TokenExpiresAt: verified.TokenExpiresAt,
            TokenState: verified.TokenState,
            LastHealthCheckAt: now,
            UpdatedAt: now), cancellationToken);

        var configured = false;
        if (draft.WebhookNotifications)
        {
            var registration = await webhooks.RegisterAsync(barberId, draft.ProcessorType, draft.Credentials, url, $"bb-connection-{id}-webhook", cancellationToken);
            if (registration.Configured)
            {
                created = await store.UpdateAsync(barberId, id, c => c with
                {
                    WebhookSubscriptionId = registration.SubscriptionId,
                    ProtectedWebhookSecret = registration.SealedSecret,
                }, cancellationToken) ?? created;
                configured = true;
            }
            else
            {
                await store.RecordProcessorErrorAsync(barberId, id, clock.GetUtcNow(), null, cancellationToken);
            }
        }

        // The first sync brings in the history the processor already holds; the sync queue's handler does the work. The
        // connection stands even when the message cannot be sent: the hourly sync picks it up.
        try
        {
            await queues.SendAsync(SyncRequest.QueueName, new SyncRequest(barberId, id, null, false, null, "manual"), CancellationToken.None);
        }
        catch (Azure.RequestFailedException ex)
        {
            logger.LogWarning("The first sync of connection {ConnectionId} could not be queued ({Status}); the hourly sync will run it.", id, ex.Status);
        }
        return new CreateConnectionResponse(created.Id, created.ProcessorType, created.AccountId, created.AccountName, created.Status, url, now,
            new CreateConnectionValidation(true, true, configured));
    }

    public async Task<UpdateConnectionResponse> UpdateAsync(ProcessorConnection connection, UpdateConnectionRequest request, CancellationToken cancellationToken)
    {
        ConnectionRules.Unchanged(connection, request);
        var name = ConnectionRules.AccountName(request.AccountName);
        var stored = secrets.Open(connection);
        ConnectionCredentials? replaced = null;
        VerifiedAccount? verified = null;
        if (request.ConnectionConfig is { } config)
        {
            var merged = ConnectionRules.Merge(connection, stored, config);
            if (merged != stored)
            {
                // Checked like a new connection; on failure (424) nothing below runs and nothing is stored.
                verified = await verifier.VerifyAsync(connection.ProcessorType, connection.AccountId, merged, cancellationToken);
                replaced = merged;
            }
        }
        var credentials = replaced ?? stored;

        var wantWebhooks = request.WebhookNotifications ?? connection.WebhookNotifications;
        var subscription = (connection.WebhookSubscriptionId, connection.ProtectedWebhookSecret);
        var webhookFailed = false;
        if (!wantWebhooks && connection.WebhookSubscriptionId is not null)
        {
            if (await webhooks.RemoveAsync(connection, credentials, cancellationToken)) subscription = (null, null);
            else webhookFailed = true;
        }
        else if (wantWebhooks && connection.WebhookSubscriptionId is null && connection.WebhookUrl is { } url)
        {
            var registration = await webhooks.RegisterAsync(connection.BarberId, connection.ProcessorType, credentials, url,
                $"bb-connection-{connection.Id}-webhook-{clock.GetUtcNow().ToUnixTimeSeconds()}", cancellationToken);
            if (registration.Configured) subscription = (registration.SubscriptionId, registration.SealedSecret);
            else webhookFailed = true;
        }

        var changed = replaced is not null || (name is not null && name != connection.AccountName) || wantWebhooks != connection.WebhookNotifications
            || subscription != (connection.WebhookSubscriptionId, connection.ProtectedWebhookSecret);
        var now = clock.GetUtcNow();
        var updated = connection;
        if (changed)
        {
            // Decided again on the stored row: a DELETE that finished while the processor checked this PUT wins (404), never revived.
            updated = await store.UpdateAsync(connection.BarberId, connection.Id, c => c.Status == ConnectionStatus.Disconnected ? throw ConnectionAccess.Disconnected(c) : c with
            {
                AccountName = name ?? c.AccountName,
                ProtectedCredentials = replaced is null ? c.ProtectedCredentials : secrets.Seal(c.BarberId, replaced),
                Status = verified is null ? c.Status : ConnectionStatus.Connected,
                TokenExpiresAt = verified is null ? c.TokenExpiresAt : verified.TokenExpiresAt,
                TokenState = verified is null ? c.TokenState : verified.TokenState,
                LastHealthCheckAt = verified is null ? c.LastHealthCheckAt : now,
                RecentErrors = verified is null ? c.RecentErrors : 0,
                WebhookNotifications = wantWebhooks,
                WebhookSubscriptionId = subscription.WebhookSubscriptionId,
                ProtectedWebhookSecret = subscription.ProtectedWebhookSecret,
                UpdatedAt = now,
            }, cancellationToken) ?? throw Errors.DomainException.NotFound("connection", connection.Id);
        }
        if (webhookFailed) await store.RecordProcessorErrorAsync(connection.BarberId, connection.Id, now, null, cancellationToken);

        var valid = verified is not null
            || (updated.Status == ConnectionStatus.Connected && TokenStates.Usable(TokenStates.Of(updated.TokenState, updated.TokenExpiresAt, now)));
        return new UpdateConnectionResponse(updated.Id, updated.AccountName, updated.UpdatedAt ?? updated.ConnectedAt, new UpdateConnectionValidation(valid, changed));
    }

    public async Task<DeleteConnectionResponse> DeleteAsync(ProcessorConnection connection, CancellationToken cancellationToken)
    {
        var credentials = secrets.Open(connection);
        var webhooksRemoved = await webhooks.RemoveAsync(connection, credentials, cancellationToken);
        var revoked = connection.ProcessorType == ProcessorTypes.Square && await RevokeSquareAsync(connection, credentials, cancellationToken);
        var now = clock.GetUtcNow();
        // Two DELETEs at once: the one that archives answers, the other finds it archived (404), like a second DELETE.
        await store.UpdateAsync(connection.BarberId, connection.Id, c => c.Status == ConnectionStatus.Disconnected ? throw ConnectionAccess.Disconnected(c) : c with
        {
            Status = ConnectionStatus.Disconnected,
            DisconnectedAt = now,
            // Credentials and the signing secret are wiped: history stays, nothing can act for the barber any more.
            ProtectedCredentials = "",
            ProtectedWebhookSecret = null,
            WebhookSubscriptionId = null,
            WebhookNotifications = false,
            TokenState = revoked ? TokenStates.Revoked : c.TokenState,
            UpdatedAt = now,
        }, cancellationToken);
        await store.ReleaseAccountAsync(connection, cancellationToken);
        return new DeleteConnectionResponse(RemovedMessage, connection.Id, now, new ConnectionCleanupResult(webhooksRemoved, revoked, true));
    }

    /// <summary>
    /// Revokes the connection's access token with Square's RevokeToken (needs the platform's OAuth application,
    /// SQUARE_APPLICATION_SECRET; without it nothing is revoked). Only that token: the barber's other locations may be
    /// connected under the same authorization, and a token another live connection still uses is left alone.
    /// </summary>
    private async Task<bool> RevokeSquareAsync(ProcessorConnection connection, ConnectionCredentials credentials, CancellationToken cancellationToken)
    {
        var clientId = application.ClientId ?? credentials.ApplicationId;
        if (clientId is null || application.ClientSecret is not { } secret || credentials.AccessToken is not { } token) return false;
        var others = (await store.ListAsync(connection.BarberId, cancellationToken))
            .Where(c => c.Id != connection.Id && c.ProcessorType == ProcessorTypes.Square && c.Status != ConnectionStatus.Disconnected);
        if (others.Any(c => secrets.Open(c).AccessToken == token)) return false;
        try
        {
            return await square.RevokeTokenAsync(clientId, secret, accessToken: token, revokeOnlyAccessToken: true, cancellationToken: cancellationToken);
        }
        catch (SquareApiException ex)
        {
            logger.LogWarning("Square refused to revoke the token of connection {ConnectionId}: {Status} {Code}", connection.Id, ex.Status, ex.Code);
            return false;
        }
    }
}
