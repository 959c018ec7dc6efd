using BookedBarber.Payments.Processors.Square;
using Microsoft.Extensions.Logging;
using Stripe;

namespace BookedBarber.Payments.Connections;

/// <summary>
/// Registers our webhook URL at the barber's processor (a Square webhook subscription; a Stripe webhook endpoint on the
/// barber's account) and removes it again. The processor's signing secret comes back sealed, never in clear.
/// </summary>
public sealed class ConnectionWebhooks(SquareClient square, IStripeConnectionApi stripe, ConnectionSecrets secrets, ILogger<ConnectionWebhooks> logger)
{
    public static readonly IReadOnlyList<string> SquareEvents = ["payment.created", "payment.updated", "refund.created", "refund.updated"];

    public static readonly IReadOnlyList<string> StripeEvents =
        ["payment_intent.succeeded", "payment_intent.payment_failed", "charge.refunded", "charge.dispute.created", "account.updated"];

    /// <summary>Registers <paramref name="url"/>; a failure is reported (webhook_configured false), never thrown: the connection stands without it.</summary>
    public async Task<WebhookRegistration> RegisterAsync(int barberId, string processorType, ConnectionCredentials credentials, string url, string idempotencyKey,
        CancellationToken cancellationToken)
    {
        try
        {
            if (processorType == ProcessorTypes.Square)
            {
                var subscription = await square.CreateWebhookSubscriptionAsync(credentials.AccessToken!, new SquareCreateWebhookSubscriptionRequest
                {
                    IdempotencyKey = idempotencyKey,
                    Subscription = new SquareWebhookSubscription
                    {
                        Name = "BookedBarber payments",
                        EventTypes = SquareEvents,
                        NotificationUrl = url,
                        ApiVersion = SquareClientOptions.DefaultSquareVersion,
                    },
                }, cancellationToken);
                if (subscription.Id is not { } subscriptionId || subscription.SignatureKey is not { } signatureKey)
                    return new WebhookRegistration(null, null, "square:INVALID_RESPONSE");
                return new WebhookRegistration(subscriptionId, secrets.SealSecret(barberId, signatureKey), null);
            }
            var (id, secret) = await stripe.CreateWebhookEndpointAsync(credentials.SecretKey!, url, StripeEvents, idempotencyKey, cancellationToken);
            return new WebhookRegistration(id, secrets.SealSecret(barberId, secret), null);
        }
        catch (SquareApiException ex)
        {
            logger.LogWarning("Square refused the webhook subscription for barber {BarberId}: {Status} {Code}", barberId, ex.Status, ex.Code);
            return new WebhookRegistration(null, null, $"square:{ex.Code}");
        }
        catch (StripeException ex)
        {
            logger.LogWarning("Stripe refused the webhook endpoint for barber {BarberId}: {Status} {Type}", barberId, (int)ex.HttpStatusCode, ex.StripeError?.Type);
            return new WebhookRegistration(null, null, $"stripe:{ex.StripeError?.Code ?? ex.StripeError?.Type ?? "error"}");
        }
    }

    /// <summary>Removes the connection's subscription at the processor. True when it is gone (or there was none to remove).</summary>
    public async Task<bool> RemoveAsync(ProcessorConnection connection, ConnectionCredentials credentials, CancellationToken cancellationToken)
    {
        if (connection.WebhookSubscriptionId is not { } id) return true;
        try
        {
            if (connection.ProcessorType == ProcessorTypes.Square)
                await DeleteSquareSubscriptionAsync(credentials.AccessToken ?? "", id, cancellationToken);
            else
                await stripe.DeleteWebhookEndpointAsync(credentials.SecretKey ?? "", id, cancellationToken);
            return true;
        }
        catch (Exception ex) when (ex is SquareApiException or StripeException)
        {
            logger.LogWarning("Removing webhook subscription of connection {ConnectionId} failed: {Message}", connection.Id, ex.Message);
            return false;
        }
    }

    private async Task DeleteSquareSubscriptionAsync(string accessToken, string subscriptionId, CancellationToken cancellationToken)
    {
        try
        {
            await square.DeleteWebhookSubscriptionAsync(accessToken, subscriptionId, cancellationToken);
        }
        catch (SquareApiException ex) when (ex.Status == 404)
        {
            // Already gone: what we wanted.
        }
    }
}
