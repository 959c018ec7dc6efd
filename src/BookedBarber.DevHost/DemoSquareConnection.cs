using BookedBarber.Payments.Configuration;
using BookedBarber.Payments.Connections;
using BookedBarber.ProcessorSimulators;

namespace BookedBarber.DevHost;

/// <summary>
/// Barber 1's demo Square connection, made like one a barber makes through the API when the simulators run: the
/// simulator's merchant gives its refresh token, application and token expiry, and our webhook is subscribed at the
/// simulator for this host's own URL (<see cref="ConnectionWebhooks"/>, the connections feature's registration), so a
/// payment taken at the chair reaches the transactions list. The simulators live in memory: each start re-subscribes
/// a stored connection the running simulator does not know (an older seed without one is upgraded the same way).
/// </summary>
public static class DemoSquareConnection
{
    /// <summary>The connection's credentials as the simulator's merchant holds them (refresh token and application included).</summary>
    public static ConnectionCredentials Credentials(SimulatorServer? simulators)
    {
        if (simulators is null) return new ConnectionCredentials(AccessToken: DemoWorld.Barber1SquareToken, LocationId: DemoWorld.Barber1SquareLocation);
        var merchant = simulators.Square.GetMerchant(DemoWorld.Barber1SquareToken);
        return new ConnectionCredentials(AccessToken: DemoWorld.Barber1SquareToken, RefreshToken: merchant.RefreshToken,
            LocationId: DemoWorld.Barber1SquareLocation, ApplicationId: merchant.ApplicationId);
    }

    /// <summary>The demo connection (barber 1's, on the demo location), when it is still connected.</summary>
    public static async Task<ProcessorConnection?> FindAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        (await services.GetRequiredService<ConnectionStore>().ListAsync(1, cancellationToken))
            .FirstOrDefault(c => c.ProcessorType == ProcessorTypes.Square && c.AccountId == DemoWorld.Barber1SquareLocation && c.Status == ConnectionStatus.Connected);

    /// <summary>
    /// Subscribes our webhook at the simulator for <paramref name="hostBase"/> (known once Kestrel listens) and stores what
    /// a connection made through the API stores. Nothing happens when the running simulator already has the subscription.
    /// </summary>
    public static async Task ConnectWebhooksAsync(IServiceProvider services, SimulatorServer simulators, Uri hostBase, CancellationToken cancellationToken)
    {
        if (await FindAsync(services, cancellationToken) is not { WebhookNotifications: true } connection) return;
        if (connection.WebhookSubscriptionId is { } known && simulators.Square.WebhookSubscriptions.Any(s => s.Id == known)) return;

        var credentials = Credentials(simulators);
        var url = ConnectionManager.WebhookUrl(services.GetRequiredService<PaymentsSettings>(), hostBase, ProcessorTypes.Square, connection.Id);
        var clock = services.GetRequiredService<TimeProvider>();
        var registration = await services.GetRequiredService<ConnectionWebhooks>().RegisterAsync(1, ProcessorTypes.Square, credentials, url,
            $"bb-connection-{connection.Id}-webhook-{clock.GetUtcNow().ToUnixTimeSeconds()}", cancellationToken);
        if (!registration.Configured) throw new InvalidOperationException($"The Square simulator refused the demo webhook subscription ({registration.Failure}).");

        var expiresAt = simulators.Square.TokenExpiresAt(DemoWorld.Barber1SquareToken);
        var now = clock.GetUtcNow();
        var sealedCredentials = services.GetRequiredService<ConnectionSecrets>().Seal(1, credentials);
        await services.GetRequiredService<ConnectionStore>().UpdateAsync(1, connection.Id, c => c with
        {
            ProtectedCredentials = sealedCredentials,
            WebhookUrl = url,
            WebhookSubscriptionId = registration.SubscriptionId,
            ProtectedWebhookSecret = registration.SealedSecret,
            TokenExpiresAt = expiresAt,
            TokenState = TokenStates.Of(null, expiresAt, now),
            UpdatedAt = now,
        }, cancellationToken);
    }
}
